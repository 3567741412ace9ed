package org.epum.core.engine;

import java.util.Collection;

/**
 * What an engine may do during initialize, decide and reconfigure. Every call is recorded in the
 * domain's decision log with its reason. Calls are synchronous and cheap: a launch is recorded
 * (as a REQUESTING instance) before this returns and reaches the Provisioner after the engine's
 * call returns. Not thread-safe; use it only from the thread that called the engine.
 */
public interface EngineControl {
  /** Records a launch; the new instance is in the next {@link DomainSnapshot} as REQUESTING. */
  Launched launch(LaunchRequest request, DecisionReason reason, String message);

  /**
   * Asks for instances to be terminated. Ids the domain does not hold are ignored; instances
   * already terminating or gone are re-terminated at most once per retry interval.
   */
  void destroy(Collection<String> instanceIds, DecisionReason reason, String message);

  /** Records that the engine chose to do nothing this pass, and why. */
  void noAction(DecisionReason reason, String message);
}
