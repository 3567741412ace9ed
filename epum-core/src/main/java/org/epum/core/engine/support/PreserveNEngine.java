package org.epum.core.engine.support;

import java.util.Map;
import org.epum.core.domain.EngineState;
import org.epum.core.engine.DecisionEngine;
import org.epum.core.engine.DomainSnapshot;
import org.epum.core.engine.EngineControl;

/**
 * An engine whose every decision is a {@link PreserveN} plan built from its engine_conf; the
 * subclasses differ only in how they read that config. Not thread-safe: the decider calls one
 * engine from one thread.
 */
public abstract class PreserveNEngine implements DecisionEngine {
  private PreserveN plan;
  private EngineState engineState = EngineState.UNKNOWN;

  /** Reads the engine_conf (already validated) into the plan. */
  protected abstract PreserveN planOf(Map<String, Object> engineConf);

  @Override
  public final void initialize(EngineControl control, DomainSnapshot state, Map<String, Object> engineConf) {
    plan = planOf(engineConf);
  }

  @Override
  public final void decide(EngineControl control, DomainSnapshot state) {
    if (plan == null) {
      throw new IllegalStateException("decide called before initialize");
    }
    engineState = plan.decide(control, state);
  }

  @Override
  public final void reconfigure(EngineControl control, Map<String, Object> engineConf) {
    plan = planOf(engineConf);
  }

  @Override
  public final EngineState engineState() {
    return engineState;
  }
}
