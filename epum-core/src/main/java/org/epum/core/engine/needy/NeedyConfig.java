package org.epum.core.engine.needy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.epum.core.engine.LaunchRequest;
import org.epum.core.engine.simplest.SimplestConfig;
import org.epum.core.engine.support.EngineConfs;
import org.epum.core.engine.support.UniqueValues;

/**
 * The needy engine's {@code engine_conf}, parsed and checked. Known keys are type-checked; unknown
 * keys are accepted, because needy domains are reconfigured by other services with keys of their
 * own (scenario 10).
 *
 * @param preserveN how many live instances to keep
 * @param template {@code deployable_type} at {@code iaas_site} with {@code iaas_allocation}
 * @param retirable instance ids to destroy first when shrinking
 * @param uniques {@code unique_key} + {@code unique_values}
 */
public record NeedyConfig(int preserveN, LaunchRequest template, List<String> retirable, UniqueValues uniques) {
  public static final String PRESERVE_N = "preserve_n";
  public static final String DEPLOYABLE_TYPE = "deployable_type";
  public static final String SITE = "iaas_site";
  public static final String ALLOCATION = "iaas_allocation";
  public static final String RETIRABLE_NODES = "retirable_nodes";
  public static final String PROVISIONER_VARS = "provisioner_vars";

  public NeedyConfig {
    requireNonNull(template, "template");
    retirable = List.copyOf(retirable);
    requireNonNull(uniques, "uniques");
  }

  /** Parses a merged engine_conf; throws INVALID_ARGUMENT naming the first bad key. */
  public static NeedyConfig parse(Map<String, Object> engineConf) {
    EngineConfs c = EngineConfs.of(engineConf);
    int preserveN = c.optionalInt(PRESERVE_N, 0, 0);
    LaunchRequest template = new LaunchRequest(
        c.optionalString(DEPLOYABLE_TYPE, SimplestConfig.DEFAULT_DEPLOYABLE_TYPE),
        c.optionalString(SITE, SimplestConfig.DEFAULT_SITE),
        c.optionalString(ALLOCATION, SimplestConfig.DEFAULT_ALLOCATION), Map.of());
    c.optionalMap(PROVISIONER_VARS);
    return new NeedyConfig(preserveN, template, c.optionalStringList(RETIRABLE_NODES), UniqueValues.parse(c));
  }
}
