package org.epum.core.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A domain as stored: its merged config (definition merged with the owner's overrides), the config
 * version that reconfigure bumps, and where it is in its life. Instances and subscribers are
 * stored beside it, not inside it, so that they change without rewriting the domain.
 */
public record DomainRecord(DomainKey key, String definitionId, DomainConfig config, long configVersion,
    DomainLifecycle lifecycle, EngineState engineState, Instant createdAt, Instant updatedAt) {
  public DomainRecord {
    requireNonNull(key, "key");
    requireNonNull(definitionId, "definitionId");
    requireNonNull(config, "config");
    requireNonNull(lifecycle, "lifecycle");
    requireNonNull(engineState, "engineState");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
  }

  public DomainRecord withConfig(DomainConfig newConfig, Instant at) {
    return new DomainRecord(key, definitionId, newConfig, configVersion + 1, lifecycle, engineState, createdAt, at);
  }

  public DomainRecord withLifecycle(DomainLifecycle newLifecycle, Instant at) {
    return new DomainRecord(key, definitionId, config, configVersion, newLifecycle, engineState, createdAt, at);
  }

  public DomainRecord withEngineState(EngineState newState, Instant at) {
    return new DomainRecord(key, definitionId, config, configVersion, lifecycle, newState, createdAt, at);
  }
}
