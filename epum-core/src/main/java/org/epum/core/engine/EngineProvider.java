package org.epum.core.engine;

import java.util.List;
import java.util.Map;

/**
 * Registers an engine with EPUM (through {@code META-INF/services/org.epum.core.engine.EngineProvider}):
 * its names, its documentation, its config validator, and a factory. A user's engine jar on the
 * classpath that ships a provider is selected by any of its names, including its class name.
 */
public interface EngineProvider {
  /** The short name, e.g. {@code simplest}. */
  String name();

  /**
   * Other names that select the engine: the engine's Java class name, and the original Python class
   * path (e.g. {@code epu.decisionengine.impls.simplest.SimplestEngine}).
   */
  List<String> aliases();

  /** What the engine does and every engine_conf key with its default; shown by DescribeDefinition. */
  String documentation();

  /**
   * Checks a domain's merged {@code engine_conf}.
   *
   * @throws org.epum.core.error.EpumException INVALID_ARGUMENT naming the key and what to write instead
   */
  void validate(Map<String, Object> engineConf);

  /** A fresh engine for one domain. */
  DecisionEngine create();
}
