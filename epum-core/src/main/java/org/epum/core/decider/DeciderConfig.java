package org.epum.core.decider;

import java.time.Duration;
import java.util.Map;

/**
 * The decider's settings.
 *
 * @param interval time between timed passes
 * @param retryInterval how long a REQUESTING or TERMINATING instance waits before its provision or
 *     terminate call is sent again
 * @param provisionerVars server-wide launch vars, overridden by the domain's
 * @param heartbeatDest the address agents are told to send heartbeats to
 */
public record DeciderConfig(Duration interval, Duration retryInterval, Map<String, Object> provisionerVars,
    String heartbeatDest) {
  public DeciderConfig {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("decider.interval must be > 0");
    }
    if (retryInterval.isNegative()) {
      throw new IllegalArgumentException("decider.retry_interval must be >= 0");
    }
    provisionerVars = Map.copyOf(provisionerVars);
  }
}
