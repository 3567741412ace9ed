package org.epum.core.engine;

import java.util.Map;
import org.epum.core.domain.EngineState;

/**
 * A domain's decision engine: decides what to launch and destroy to keep the domain where its
 * config asks. One instance per domain, created by the decider on first sight of the domain and
 * called only from the decider's thread. Engines must be deterministic given the snapshot, the
 * config and the snapshot's clock ({@link DomainSnapshot#now()}), and keep no state that cannot be
 * rebuilt from the snapshot (a new leader creates fresh engines), except learnt optimisations.
 *
 * <p>Implementations come through an {@link EngineProvider} found by ServiceLoader.
 */
public interface DecisionEngine {
  /**
   * Called once, before the first decide.
   *
   * @param engineConf the domain's merged {@code engine_conf}, already validated
   */
  void initialize(EngineControl control, DomainSnapshot state, Map<String, Object> engineConf);

  /** Called every decider pass. Record an action or {@link EngineControl#noAction} with its reason. */
  void decide(EngineControl control, DomainSnapshot state);

  /** Called when the domain's config version moved, with the full merged {@code engine_conf}. */
  void reconfigure(EngineControl control, Map<String, Object> engineConf);

  /** Called once when the domain is deleted. */
  default void dying() {}

  /** The engine's view after its last decide. */
  EngineState engineState();
}
