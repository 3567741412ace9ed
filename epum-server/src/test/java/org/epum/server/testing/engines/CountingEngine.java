package org.epum.server.testing.engines;

import java.util.List;
import java.util.Map;
import org.epum.core.domain.EngineState;
import org.epum.core.engine.DecisionEngine;
import org.epum.core.engine.DecisionReason;
import org.epum.core.engine.DomainSnapshot;
import org.epum.core.engine.EngineControl;
import org.epum.core.engine.EngineProvider;

/** Counts initialize, decide and reconfigure calls and does nothing else (test engine "counting"). */
public final class CountingEngine implements DecisionEngine {
  private EngineCounts counts;

  @Override
  public void initialize(EngineControl control, DomainSnapshot state, Map<String, Object> engineConf) {
    counts = EngineCounts.of(state.key());
    counts.initialConf = Map.copyOf(engineConf);
    counts.initialized.incrementAndGet();
  }

  @Override
  public void decide(EngineControl control, DomainSnapshot state) {
    counts.decided.incrementAndGet();
    control.noAction(DecisionReason.AT_TARGET, "counting engine never acts");
  }

  @Override
  public void reconfigure(EngineControl control, Map<String, Object> engineConf) {
    counts.reconfigured.incrementAndGet();
  }

  @Override
  public void dying() {
    counts.died.incrementAndGet();
  }

  @Override
  public EngineState engineState() {
    return EngineState.STABLE;
  }

  /** Registers the engine as {@code counting}. */
  public static final class Provider implements EngineProvider {
    @Override
    public String name() {
      return "counting";
    }

    @Override
    public List<String> aliases() {
      return List.of(CountingEngine.class.getName());
    }

    @Override
    public String documentation() {
      return "Test engine: counts calls, never acts.";
    }

    @Override
    public void validate(Map<String, Object> engineConf) {}

    @Override
    public DecisionEngine create() {
      return new CountingEngine();
    }
  }
}
