package org.epum.core.decider;

import java.util.Map;

/**
 * Sensor data gathered for one domain before its engine decides: domain-level metrics, and
 * metrics per instance id. Values are a Number or a map with a "Series" list (oldest first).
 */
public record SensorReadings(Map<String, Object> domain, Map<String, Map<String, Object>> instances) {
  public static final SensorReadings NONE = new SensorReadings(Map.of(), Map.of());

  public SensorReadings {
    domain = Map.copyOf(domain);
    instances = Map.copyOf(instances);
  }
}
