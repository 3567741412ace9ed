package org.epum.server.config;

import java.time.Duration;

/**
 * Timing of the leader roles.
 *
 * @param deciderInterval time between timed decider passes
 * @param deciderRetryInterval how long a REQUESTING or TERMINATING instance waits before its call is re-sent
 * @param deciderDebounce how long a change waits before it wakes the decider early
 * @param doctorInterval time between doctor passes
 * @param reaperInterval time between reaper passes
 * @param reaperMaxAge how long a terminated, failed or rejected instance record is kept
 */
public record RolesConfig(Duration deciderInterval, Duration deciderRetryInterval, Duration deciderDebounce,
    Duration doctorInterval, Duration reaperInterval, Duration reaperMaxAge) {
  public RolesConfig {
    for (Duration d : new Duration[] {deciderInterval, doctorInterval, reaperInterval}) {
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("decider.interval, doctor.interval and reaper.interval must be > 0");
      }
    }
  }
}
