package org.epum.core.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A domain as stored: its merged config (definition merged with the owner's overrides), the config
 * version that reconfigure bumps, where it is in its life, and the domain-level sensor data the
 * decider last gathered. Instances and subscribers are stored beside it, not inside it, so that
 * they change without rewriting the domain.
 */
public record DomainRecord(DomainKey key, String definitionId, DomainConfig config, long configVersion,
    DomainLifecycle lifecycle, EngineState engineState, Instant createdAt, Instant updatedAt,
    Map<String, Object> sensorData) {
  public DomainRecord {
    requireNonNull(key, "key");
    requireNonNull(definitionId, "definitionId");
    requireNonNull(config, "config");
    requireNonNull(lifecycle, "lifecycle");
    requireNonNull(engineState, "engineState");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
    sensorData = sensorData == null || sensorData.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(sensorData));
  }

  /** A record without sensor data. */
  public DomainRecord(DomainKey key, String definitionId, DomainConfig config, long configVersion,
      DomainLifecycle lifecycle, EngineState engineState, Instant createdAt, Instant updatedAt) {
    this(key, definitionId, config, configVersion, lifecycle, engineState, createdAt, updatedAt, Map.of());
  }

  public DomainRecord withConfig(DomainConfig newConfig, Instant at) {
    return new DomainRecord(key, definitionId, newConfig, configVersion + 1, lifecycle, engineState, createdAt, at,
        sensorData);
  }

  public DomainRecord withLifecycle(DomainLifecycle newLifecycle, Instant at) {
    return new DomainRecord(key, definitionId, config, configVersion, newLifecycle, engineState, createdAt, at,
        sensorData);
  }

  public DomainRecord withEngineState(EngineState newState, Instant at) {
    return new DomainRecord(key, definitionId, config, configVersion, lifecycle, newState, createdAt, at,
        sensorData);
  }

  public DomainRecord withSensorData(Map<String, Object> data, Instant at) {
    return new DomainRecord(key, definitionId, config, configVersion, lifecycle, engineState, createdAt, at, data);
  }
}
