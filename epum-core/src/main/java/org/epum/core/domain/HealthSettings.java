package org.epum.core.domain;

import java.time.Duration;

/**
 * A domain's {@code health} section, typed, with DESIGN §2 defaults. Read it only from a config
 * that passed {@link DomainConfigValidator}.
 */
public record HealthSettings(boolean monitorHealth, Duration bootTimeout, Duration missingTimeout,
    Duration reallyMissingTimeout, Duration zombieTimeout) {

  public static final String MONITOR_HEALTH = "monitor_health";
  public static final String BOOT_TIMEOUT = "boot_timeout";
  public static final String MISSING_TIMEOUT = "missing_timeout";
  public static final String REALLY_MISSING_TIMEOUT = "really_missing_timeout";
  public static final String ZOMBIE_SECONDS = "zombie_seconds";

  public static HealthSettings of(DomainConfig config) {
    var health = config.section(DomainConfig.HEALTH);
    return new HealthSettings(
        health.get(MONITOR_HEALTH) instanceof Boolean b && b,
        seconds(health.get(BOOT_TIMEOUT), 300),
        seconds(health.get(MISSING_TIMEOUT), 120),
        seconds(health.get(REALLY_MISSING_TIMEOUT), 15),
        seconds(health.get(ZOMBIE_SECONDS), 120));
  }

  private static Duration seconds(Object value, long defaultSeconds) {
    if (value instanceof Number n) {
      return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
    }
    return Duration.ofSeconds(defaultSeconds);
  }
}
