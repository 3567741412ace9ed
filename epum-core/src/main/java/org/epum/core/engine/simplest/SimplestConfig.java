package org.epum.core.engine.simplest;

import java.util.Map;
import java.util.Set;
import org.epum.core.engine.LaunchRequest;
import org.epum.core.engine.support.EngineConfs;

/**
 * The simplest engine's {@code engine_conf}, parsed and checked. Parsing is the validation: an
 * invalid conf never becomes a config.
 *
 * @param preserveN how many live instances to keep
 * @param template what to launch: {@code epuworker_type} at {@code force_site} with {@code epuworker_allocation}
 * @param provisionerVars merged into every launch's vars by the decider; kept here only to be checked
 */
public record SimplestConfig(int preserveN, LaunchRequest template, Map<String, Object> provisionerVars) {
  public static final String PRESERVE_N = "preserve_n";
  public static final String DEPLOYABLE_TYPE = "epuworker_type";
  public static final String SITE = "force_site";
  public static final String ALLOCATION = "epuworker_allocation";
  public static final String PROVISIONER_VARS = "provisioner_vars";

  public static final String DEFAULT_DEPLOYABLE_TYPE = "epu_work_consumer";
  public static final String DEFAULT_SITE = "ec2-east";
  public static final String DEFAULT_ALLOCATION = "small";

  static final Set<String> KEYS = Set.of(PRESERVE_N, DEPLOYABLE_TYPE, SITE, ALLOCATION, PROVISIONER_VARS);

  public SimplestConfig {
    provisionerVars = Map.copyOf(provisionerVars);
  }

  /** Parses a merged engine_conf; throws INVALID_ARGUMENT naming the first bad key. */
  public static SimplestConfig parse(Map<String, Object> engineConf) {
    EngineConfs c = EngineConfs.of(engineConf);
    c.rejectUnknown(SimplestProvider.NAME, KEYS);
    int preserveN = c.requireInt(PRESERVE_N, 0);
    LaunchRequest template = new LaunchRequest(c.optionalString(DEPLOYABLE_TYPE, DEFAULT_DEPLOYABLE_TYPE),
        c.optionalString(SITE, DEFAULT_SITE), c.optionalString(ALLOCATION, DEFAULT_ALLOCATION), Map.of());
    return new SimplestConfig(preserveN, template, c.optionalMap(PROVISIONER_VARS));
  }
}
