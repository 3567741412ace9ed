package org.epum.core.domain;

/** A domain's decision engine's own view of whether it has met its target. */
public enum EngineState {
  /** Not decided yet, or the engine could not say. */
  UNKNOWN,
  /** Working toward its target. */
  PENDING,
  /** Target met and every instance RUNNING. */
  STABLE,
  /** The engine gave up in developer mode. */
  DEVMODE_FAILED
}
