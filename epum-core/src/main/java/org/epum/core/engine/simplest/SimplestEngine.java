package org.epum.core.engine.simplest;

import java.util.List;
import java.util.Map;
import org.epum.core.domain.EngineState;
import org.epum.core.engine.DecisionEngine;
import org.epum.core.engine.DomainSnapshot;
import org.epum.core.engine.EngineControl;
import org.epum.core.engine.support.PreserveN;
import org.epum.core.engine.support.UniqueValues;

/**
 * Keeps {@code preserve_n} healthy live instances of one deployable type at one site: destroys the
 * unhealthy, launches the shortfall, destroys the excess (pending before RUNNING, newest first).
 * FAILED, REJECTED and ERROR_RETRYING instances are not live, so they are replaced and never
 * destroyed (the original counted REJECTED and ERROR_RETRYING as live and never replaced them).
 */
public final class SimplestEngine implements DecisionEngine {
  private PreserveN plan;
  private EngineState engineState = EngineState.UNKNOWN;

  @Override
  public void initialize(EngineControl control, DomainSnapshot state, Map<String, Object> engineConf) {
    plan = planOf(SimplestConfig.parse(engineConf));
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
    plan = planOf(SimplestConfig.parse(engineConf));
  }

  @Override
  public EngineState engineState() {
    return engineState;
  }

  private static PreserveN planOf(SimplestConfig conf) {
    return new PreserveN(conf.preserveN(), conf.template(), UniqueValues.none(), List.of());
  }
}
