package org.epum.server.testing.engines;

import java.util.List;
import java.util.Map;
import org.epum.core.domain.EngineState;
import org.epum.core.engine.DecisionEngine;
import org.epum.core.engine.DomainSnapshot;
import org.epum.core.engine.EngineControl;
import org.epum.core.engine.EngineProvider;

/** Counts calls, and fails every decide and reconfigure (test engine "failing"). */
public final class FailingEngine implements DecisionEngine {
  private EngineCounts counts;

  @Override
  public void initialize(EngineControl control, DomainSnapshot state, Map<String, Object> engineConf) {
    counts = EngineCounts.of(state.key());
    counts.initialized.incrementAndGet();
  }

  @Override
  public void decide(EngineControl control, DomainSnapshot state) {
    counts.decided.incrementAndGet();
    throw new IllegalStateException("failing engine fails to decide");
  }

  @Override
  public void reconfigure(EngineControl control, Map<String, Object> engineConf) {
    counts.reconfigured.incrementAndGet();
    throw new IllegalStateException("failing engine fails to reconfigure");
  }

  @Override
  public EngineState engineState() {
    return EngineState.UNKNOWN;
  }

  /** Registers the engine as {@code failing}. */
  public static final class Provider implements EngineProvider {
    @Override
    public String name() {
      return "failing";
    }

    @Override
    public List<String> aliases() {
      return List.of(FailingEngine.class.getName());
    }

    @Override
    public String documentation() {
      return "Test engine: every decide and reconfigure throws.";
    }

    @Override
    public void validate(Map<String, Object> engineConf) {}

    @Override
    public DecisionEngine create() {
      return new FailingEngine();
    }
  }
}
