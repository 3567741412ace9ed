package org.epum.core.domain;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.epum.core.error.EpumException;

/**
 * Checks a merged domain config before it is stored, on add and on reconfigure: known sections,
 * and the typed keys of {@code general} and {@code health}. {@code engine_conf} is free-form here;
 * the selected engine's own validator checks it (see {@link EngineConfigCheck}).
 */
public final class DomainConfigValidator {
  /** Sections a config may have. Later features add theirs here. */
  public static final Set<String> SECTIONS = Set.of(DomainConfig.GENERAL, DomainConfig.HEALTH,
      DomainConfig.ENGINE_CONF);

  private static final Set<String> GENERAL_KEYS = Set.of("engine_class", "chef_credential");
  private static final Set<String> HEALTH_NUMBER_KEYS = Set.of(HealthSettings.BOOT_TIMEOUT,
      HealthSettings.MISSING_TIMEOUT, HealthSettings.REALLY_MISSING_TIMEOUT, HealthSettings.ZOMBIE_SECONDS);

  private final EngineConfigCheck engineCheck;

  public DomainConfigValidator(EngineConfigCheck engineCheck) {
    this.engineCheck = engineCheck;
  }

  /** A validator that checks sections, general and health, and accepts any engine_conf. */
  public static DomainConfigValidator withoutEngineChecks() {
    return new DomainConfigValidator(config -> {});
  }

  /** Checks a definition's config: the same shape rules, without engine checks (a template may be partial). */
  public void validateDefinition(DomainConfig config) {
    validateShape(config);
  }

  /** Checks a domain's merged config; throws INVALID_ARGUMENT naming the key and what to write instead. */
  public void validateDomain(DomainConfig config) {
    validateShape(config);
    engineCheck.check(config);
  }

  private static void validateShape(DomainConfig config) {
    for (String section : config.sections().keySet()) {
      if (!SECTIONS.contains(section)) {
        throw EpumException.invalidArgument("unknown config section '" + section + "'; known sections are "
            + new TreeSet<>(SECTIONS));
      }
    }
    validateGeneral(config.section(DomainConfig.GENERAL));
    validateHealth(config.section(DomainConfig.HEALTH));
  }

  private static void validateGeneral(Map<String, Object> general) {
    rejectUnknown(DomainConfig.GENERAL, general, GENERAL_KEYS);
    for (String key : GENERAL_KEYS) {
      Object v = general.get(key);
      if (v != null && !(v instanceof String)) {
        throw EpumException.invalidArgument("general." + key + " must be a string, got "
            + DomainConfig.describe(v));
      }
    }
  }

  private static void validateHealth(Map<String, Object> health) {
    Set<String> known = new TreeSet<>(HEALTH_NUMBER_KEYS);
    known.add(HealthSettings.MONITOR_HEALTH);
    rejectUnknown(DomainConfig.HEALTH, health, known);
    Object monitor = health.get(HealthSettings.MONITOR_HEALTH);
    if (monitor != null && !(monitor instanceof Boolean)) {
      throw EpumException.invalidArgument("health.monitor_health must be true or false, got "
          + DomainConfig.describe(monitor));
    }
    for (String key : HEALTH_NUMBER_KEYS) {
      Object v = health.get(key);
      if (v == null) {
        continue;
      }
      if (!(v instanceof Number n) || n.doubleValue() < 0 || Double.isNaN(n.doubleValue())) {
        throw EpumException.invalidArgument("health." + key + " must be a number of seconds >= 0, got "
            + DomainConfig.describe(v));
      }
    }
  }

  private static void rejectUnknown(String section, Map<String, Object> keys, Set<String> known) {
    for (String key : keys.keySet()) {
      if (!known.contains(key)) {
        throw EpumException.invalidArgument("unknown key " + section + "." + key + "; known keys of "
            + section + " are " + new TreeSet<>(known));
      }
    }
  }

}
