package org.epum.core.reactor;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often a steady heartbeat's last-heard time is written (DESIGN §4).
 *
 * @param persistInterval at most one such write per instance per this interval; zero means a
 *     quarter of the domain's missing_timeout. Never more than that quarter, whatever is set, so
 *     the doctor always judges by a recent enough time.
 */
public record HeartbeatSettings(Duration persistInterval) {
  public static final HeartbeatSettings DEFAULT = new HeartbeatSettings(Duration.ZERO);

  public HeartbeatSettings {
    requireNonNull(persistInterval);
    if (persistInterval.isNegative()) {
      throw new IllegalArgumentException("heartbeat.persist_interval must be >= 0 (0 = missing_timeout/4)");
    }
  }

  /** The interval for a domain with this missing_timeout. */
  public Duration persistEvery(Duration missingTimeout) {
    Duration quarter = missingTimeout.dividedBy(4);
    return persistInterval.isZero() || persistInterval.compareTo(quarter) > 0 ? quarter : persistInterval;
  }
}
