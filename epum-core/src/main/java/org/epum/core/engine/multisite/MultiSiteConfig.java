package org.epum.core.engine.multisite;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.epum.core.engine.support.EngineConfs;
import org.epum.core.engine.support.SensorPolicy;

/**
 * The multisite engine's {@code engine_conf}, parsed and checked; unknown keys are rejected.
 * A reconfigure passes the full merged conf, so a new {@code clouds} list replaces the old one
 * whole (the original merged cloud lists entry by entry).
 *
 * @param clouds the sites, in rank order
 * @param minimum {@code minimum_vms}: the size to keep when the metric does not scale it
 * @param maximum {@code maximum_vms}, at least the minimum
 * @param deployableType {@code dtname}
 * @param allocation {@code iaas_allocation} or its older name {@code instance_type}
 */
public record MultiSiteConfig(List<Cloud> clouds, int minimum, int maximum, String deployableType,
    String allocation, SensorPolicy policy) {
  public static final String CLOUDS = "clouds";
  public static final String SITE_NAME = "site_name";
  public static final String SIZE = "size";
  public static final String RANK = "rank";
  public static final String MINIMUM_VMS = "minimum_vms";
  public static final String MAXIMUM_VMS = "maximum_vms";
  public static final String DTNAME = "dtname";
  public static final String ALLOCATION = "iaas_allocation";
  public static final String INSTANCE_TYPE = "instance_type";
  public static final String PROVISIONER_VARS = "provisioner_vars";
  public static final String DEFAULT_ALLOCATION = "small";
  /** The original's name for minimum_vms, rejected with a pointer to the new name. */
  static final String OLD_SIZE_KEY = "domain_desired_size";

  static final Set<String> KEYS = keys();
  private static final String CLOUD_SHAPE = "a list of {site_name, size, rank} maps with ranks 1..N";

  public MultiSiteConfig {
    clouds = List.copyOf(clouds);
    requireNonNull(deployableType, "deployableType");
    requireNonNull(allocation, "allocation");
    requireNonNull(policy, "policy");
  }

  /** Parses a merged engine_conf; throws INVALID_ARGUMENT naming the first bad key. */
  public static MultiSiteConfig parse(Map<String, Object> engineConf) {
    EngineConfs c = EngineConfs.of(engineConf);
    if (c.has(OLD_SIZE_KEY)) {
      throw EngineConfs.invalid("engine_conf." + OLD_SIZE_KEY + " is no longer used; set engine_conf."
          + MINIMUM_VMS + " (and " + MAXIMUM_VMS + ") instead");
    }
    c.rejectUnknown(MultiSiteProvider.NAME, KEYS);
    int min = c.requireInt(MINIMUM_VMS, 0);
    String dtname = c.requireString(DTNAME);
    List<Cloud> clouds = clouds(c);
    int max = c.optionalInt(MAXIMUM_VMS, 0, min);
    if (max < min) {
      throw c.fail(MAXIMUM_VMS, "a whole number >= minimum_vms (" + min + ")", c.raw(MAXIMUM_VMS));
    }
    c.optionalMap(PROVISIONER_VARS);
    return new MultiSiteConfig(clouds, min, max, dtname, allocation(c), SensorPolicy.parse(c));
  }

  private static String allocation(EngineConfs c) {
    Optional<String> allocation = c.optionalString(ALLOCATION);
    Optional<String> instanceType = c.optionalString(INSTANCE_TYPE);
    if (allocation.isPresent() && instanceType.isPresent() && !allocation.equals(instanceType)) {
      throw EngineConfs.invalid("engine_conf." + ALLOCATION + " (" + allocation.get() + ") and engine_conf."
          + INSTANCE_TYPE + " (" + instanceType.get() + ") name the same thing; give one, or the same value");
    }
    return allocation.or(() -> instanceType).orElse(DEFAULT_ALLOCATION);
  }

  @SuppressWarnings("unchecked")
  private static List<Cloud> clouds(EngineConfs c) {
    Object raw = c.raw(CLOUDS);
    if (raw == null) {
      throw EngineConfs.invalid("engine_conf." + CLOUDS + " is required: " + CLOUD_SHAPE);
    }
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      throw c.fail(CLOUDS, "a non-empty list of {site_name, size, rank} maps (ranks 1..N)", raw);
    }
    List<Cloud> clouds = new ArrayList<>();
    Set<String> sites = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String path = "engine_conf." + CLOUDS + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> entry)) {
        throw EngineConfs.invalid(path + " must be a {site_name, size, rank} map, got "
            + EngineConfs.describe(list.get(i)));
      }
      EngineConfs e = EngineConfs.nested((Map<String, Object>) entry, path);
      e.rejectUnknown(MultiSiteProvider.NAME, Set.of(SITE_NAME, SIZE, RANK));
      Cloud cloud = new Cloud(e.requireString(SITE_NAME), e.requireInt(SIZE, Cloud.UNLIMITED), e.requireInt(RANK, 1));
      if (!sites.add(cloud.site())) {
        throw EngineConfs.invalid("engine_conf." + CLOUDS + " names site " + cloud.site() + " twice");
      }
      clouds.add(cloud);
    }
    clouds.sort(Comparator.comparingInt(Cloud::rank));
    for (int i = 0; i < clouds.size(); i++) {
      if (clouds.get(i).rank() != i + 1) {
        throw EngineConfs.invalid("engine_conf." + CLOUDS + " ranks must be 1.." + clouds.size()
            + ", each used once; got " + clouds.stream().map(Cloud::rank).toList());
      }
    }
    return clouds;
  }

  private static Set<String> keys() {
    Set<String> keys = new HashSet<>(SensorPolicy.KEYS);
    keys.addAll(Set.of(CLOUDS, MINIMUM_VMS, MAXIMUM_VMS, DTNAME, ALLOCATION, INSTANCE_TYPE, PROVISIONER_VARS));
    return Set.copyOf(keys);
  }
}
