package org.epum.core.engine.needy;

import java.util.Map;
import org.epum.core.domain.EngineState;
import org.epum.core.engine.DecisionEngine;
import org.epum.core.engine.DomainSnapshot;
import org.epum.core.engine.EngineControl;
import org.epum.core.engine.support.PreserveN;

/**
 * Keeps {@code preserve_n} healthy live instances, like the simplest engine, for a need registered
 * by another service: instances listed in {@code retirable_nodes} go first on scale-down, and with
 * {@code unique_key}/{@code unique_values} each live instance holds a distinct value in its
 * extravars (a replacement takes the first free value; when none is free nothing more launches).
 */
public final class NeedyEngine implements DecisionEngine {
  private PreserveN plan;
  private EngineState engineState = EngineState.UNKNOWN;

  @Override
  public void initialize(EngineControl control, DomainSnapshot state, Map<String, Object> engineConf) {
    plan = planOf(NeedyConfig.parse(engineConf));
  }

  @Override
  public void decide(EngineControl control, DomainSnapshot state) {
    if (plan == null) {
      throw new IllegalStateException("decide called before initialize");
    }
    engineState = plan.decide(control, state);
  }

  @Override
  public void reconfigure(EngineControl control, Map<String, Object> engineConf) {
    plan = planOf(NeedyConfig.parse(engineConf));
  }

  @Override
  public EngineState engineState() {
    return engineState;
  }

  private static PreserveN planOf(NeedyConfig conf) {
    return new PreserveN(conf.preserveN(), conf.template(), conf.uniques(), conf.retirable());
  }
}
