package org.epum.core.engine.support;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the decider gathers a sensor-driven domain's metrics from (DESIGN §5): the engine_conf keys
 * {@code sensor_type}, {@code monitor_sensors}, {@code monitor_domain_sensors}, {@code sensor_data},
 * {@code prometheus_url} and {@code prometheus_query}. The engines only check them; the decider's
 * sensor gathering reads them through {@link #parse}.
 *
 * @param monitorSensors instance metrics to gather
 * @param monitorDomainSensors domain metrics to gather
 * @param sensorData fixed series per metric, used only when the type is {@link Type#MOCKCLOUDWATCH}
 * @param prometheusUrl the Prometheus base URL; null when not given
 * @param prometheusQuery the PromQL query; null when not given
 */
public record SensorSource(Type type, List<String> monitorSensors, List<String> monitorDomainSensors,
    Map<String, List<Double>> sensorData, String prometheusUrl, String prometheusQuery) {
  public static final String SENSOR_TYPE = "sensor_type";
  public static final String MONITOR_SENSORS = "monitor_sensors";
  public static final String MONITOR_DOMAIN_SENSORS = "monitor_domain_sensors";
  public static final String SENSOR_DATA = "sensor_data";
  public static final String PROMETHEUS_URL = "prometheus_url";
  public static final String PROMETHEUS_QUERY = "prometheus_query";

  public static final Set<String> KEYS = Set.of(SENSOR_TYPE, MONITOR_SENSORS, MONITOR_DOMAIN_SENSORS, SENSOR_DATA,
      PROMETHEUS_URL, PROMETHEUS_QUERY);

  /** Sensor sources; the config spelling is the lower-case name. */
  public enum Type {
    /** Metrics agents put in their heartbeats; needs no external system. The default. */
    HEARTBEAT,
    PROMETHEUS,
    OPENTSDB,
    /** Fixed series from {@code sensor_data}, for tests and demos. */
    MOCKCLOUDWATCH;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public SensorSource {
    requireNonNull(type, "type");
    monitorSensors = List.copyOf(monitorSensors);
    monitorDomainSensors = List.copyOf(monitorDomainSensors);
    sensorData = Map.copyOf(sensorData);
  }

  /** Reads the sensor source keys; throws INVALID_ARGUMENT naming the first bad one. */
  public static SensorSource parse(EngineConfs c) {
    String typeText = c.optionalString(SENSOR_TYPE, Type.HEARTBEAT.label());
    Type type = Arrays.stream(Type.values()).filter(t -> t.label().equalsIgnoreCase(typeText)).findFirst()
        .orElseThrow(() -> EngineConfs.invalid(SENSOR_TYPE, "one of "
            + Arrays.stream(Type.values()).map(Type::label).toList(), typeText));
    return new SensorSource(type, c.optionalStringList(MONITOR_SENSORS), c.optionalStringList(MONITOR_DOMAIN_SENSORS),
        sensorData(c.optionalMap(SENSOR_DATA)), c.optionalString(PROMETHEUS_URL).orElse(null), c.optionalString(PROMETHEUS_QUERY).orElse(null));
  }

  private static Map<String, List<Double>> sensorData(Map<String, Object> raw) {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    raw.forEach((metric, series) -> {
      String key = SENSOR_DATA + "." + metric;
      if (!(series instanceof List<?> list)) {
        throw EngineConfs.invalid(key, "a list of numbers", series);
      }
      List<Double> values = new ArrayList<>(list.size());
      for (Object v : list) {
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
          throw EngineConfs.invalid(key, "a list of numbers", v);
        }
        values.add(n.doubleValue());
      }
      out.put(metric, List.copyOf(values));
    });
    return out;
  }
}
