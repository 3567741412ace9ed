package org.epum.core.engine.sensor;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.epum.core.engine.LaunchRequest;
import org.epum.core.engine.simplest.SimplestConfig;
import org.epum.core.engine.support.EngineConfs;
import org.epum.core.engine.support.SensorPolicy;
import org.epum.core.engine.support.UniqueValues;

/**
 * The sensor engine's {@code engine_conf}, parsed and checked; unknown keys are rejected.
 *
 * @param minimum {@code minimum_vms}
 * @param maximum {@code maximum_vms}, at least the minimum
 * @param policy the metric, thresholds, cooldown and sensor source
 * @param template {@code deployable_type} at {@code iaas_site} with {@code iaas_allocation}
 * @param uniques {@code unique_key} + {@code unique_values}
 * @param retirable {@code retirable_nodes}: instance ids to destroy first when shrinking
 */
public record SensorConfig(int minimum, int maximum, SensorPolicy policy, LaunchRequest template,
    UniqueValues uniques, List<String> retirable) {
  public static final String MINIMUM_VMS = "minimum_vms";
  public static final String MAXIMUM_VMS = "maximum_vms";
  public static final String DEPLOYABLE_TYPE = "deployable_type";
  public static final String SITE = "iaas_site";
  public static final String ALLOCATION = "iaas_allocation";
  public static final String RETIRABLE_NODES = "retirable_nodes";
  public static final String PROVISIONER_VARS = "provisioner_vars";

  static final Set<String> KEYS = keys();

  public SensorConfig {
    requireNonNull(policy, "policy");
    requireNonNull(template, "template");
    requireNonNull(uniques, "uniques");
    retirable = List.copyOf(retirable);
  }

  /** Parses a merged engine_conf; throws INVALID_ARGUMENT naming the first bad key. */
  public static SensorConfig parse(Map<String, Object> engineConf) {
    EngineConfs c = EngineConfs.of(engineConf);
    c.rejectUnknown(SensorProvider.NAME, KEYS);
    int min = c.requireInt(MINIMUM_VMS, 0);
    int max = c.optionalInt(MAXIMUM_VMS, 0, min);
    if (max < min) {
      throw EngineConfs.invalid(MAXIMUM_VMS, "a whole number >= minimum_vms (" + min + ")", c.raw(MAXIMUM_VMS));
    }
    LaunchRequest template = new LaunchRequest(
        c.optionalString(DEPLOYABLE_TYPE, SimplestConfig.DEFAULT_DEPLOYABLE_TYPE),
        c.optionalString(SITE, SimplestConfig.DEFAULT_SITE),
        c.optionalString(ALLOCATION, SimplestConfig.DEFAULT_ALLOCATION), Map.of());
    c.optionalMap(PROVISIONER_VARS);
    return new SensorConfig(min, max, SensorPolicy.parse(c), template, UniqueValues.parse(c),
        c.optionalStringList(RETIRABLE_NODES));
  }

  private static Set<String> keys() {
    Set<String> keys = new HashSet<>(SensorPolicy.KEYS);
    keys.addAll(Set.of(MINIMUM_VMS, MAXIMUM_VMS, DEPLOYABLE_TYPE, SITE, ALLOCATION, RETIRABLE_NODES,
        PROVISIONER_VARS, UniqueValues.KEY, UniqueValues.VALUES));
    return Set.copyOf(keys);
  }
}
