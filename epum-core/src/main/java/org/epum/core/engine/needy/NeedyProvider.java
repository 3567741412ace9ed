package org.epum.core.engine.needy;

import java.util.List;
import java.util.Map;
import org.epum.core.engine.DecisionEngine;
import org.epum.core.engine.EngineProvider;

/** Registers the {@code needy} engine. */
public final class NeedyProvider implements EngineProvider {
  public static final String NAME = "needy";

  private static final String DOCUMENTATION = """
      needy: keeps preserve_n healthy instances running to meet a need registered by another
      service (e.g. a process dispatcher). Like simplest, it destroys unhealthy instances, replaces
      missing ones and destroys any excess; instances named in retirable_nodes are destroyed first.
      With unique_key and unique_values, every live instance holds a distinct value in its
      extravars under unique_key; a launch takes the first value not held by a live instance, and
      when every value is held nothing more is launched.

      engine_conf keys:
        preserve_n        [0] whole number >= 0: how many instances to keep
        deployable_type   [epu_work_consumer] deployable type to launch
        iaas_site         [ec2-east] site to launch at
        iaas_allocation   [small] allocation (instance size) to launch with
        retirable_nodes   [none] list of instance ids to destroy first when shrinking
        unique_key        [none] extravars name under which each instance gets its unique value
        unique_values     [none] list of values, or a comma-separated string (items are trimmed);
                          an empty or blank string means no unique values
        provisioner_vars  [none] map of extra variables merged into every launch's vars
      Other keys are accepted and kept (other services store their own keys here).
      """;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of(NeedyEngine.class.getName(), "epu.decisionengine.impls.needy.NeedyEngine", "NeedyEngine");
  }

  @Override
  public String documentation() {
    return DOCUMENTATION;
  }

  @Override
  public void validate(Map<String, Object> engineConf) {
    NeedyConfig.parse(engineConf);
  }

  @Override
  public DecisionEngine create() {
    return new NeedyEngine();
  }
}
