package org.epum.core.engine.simplest;

import java.util.List;
import java.util.Map;
import org.epum.core.engine.DecisionEngine;
import org.epum.core.engine.EngineProvider;

/** Registers the {@code simplest} engine, EPUM's default. */
public final class SimplestProvider implements EngineProvider {
  public static final String NAME = "simplest";

  private static final String DOCUMENTATION = """
      simplest: keeps preserve_n healthy instances of one deployable type running at one site.
      Each pass it destroys unhealthy instances, launches replacements for any shortfall (FAILED,
      REJECTED and ERROR_RETRYING instances do not count as live and are replaced), and destroys
      any excess, pending instances before RUNNING ones, newest first.

      engine_conf keys:
        preserve_n            (required) whole number >= 0: how many instances to keep
        epuworker_type        [epu_work_consumer] deployable type to launch
        force_site            [ec2-east] site to launch at
        epuworker_allocation  [small] allocation (instance size) to launch with
        provisioner_vars      [none] map of extra variables merged into every launch's vars
      Any other key is rejected.
      """;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of(SimplestEngine.class.getName(), "epu.decisionengine.impls.simplest.SimplestEngine",
        "SimplestEngine");
  }

  @Override
  public String documentation() {
    return DOCUMENTATION;
  }

  @Override
  public void validate(Map<String, Object> engineConf) {
    SimplestConfig.parse(engineConf);
  }

  @Override
  public DecisionEngine create() {
    return new SimplestEngine();
  }
}
