package org.epum.core.sensor;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epum.core.decider.SensorGatherer;
import org.epum.core.decider.SensorReadings;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.InstanceRecord;

/**
 * Chooses each domain's sensor source from {@code engine_conf.sensor_type}:
 * <ul>
 *   <li>{@code heartbeat} (default): metrics agents put in their heartbeats are already on the
 *       instance records; nothing to gather;</li>
 *   <li>{@code mockcloudwatch}: series given in {@code engine_conf.sensor_data} (metric → list),
 *       published for {@code monitor_domain_sensors} on the domain and {@code monitor_sensors} on
 *       each instance — scripted load for tests and demos;</li>
 *   <li>{@code prometheus}: {@code engine_conf.prometheus_query} run against
 *       {@code prometheus_url}'s HTTP query API, its value published as the domain's {@code metric}.</li>
 * </ul>
 */
public final class ConfiguredSensors implements SensorGatherer {
  private final PrometheusQueries prometheus;

  public ConfiguredSensors(PrometheusQueries prometheus) {
    this.prometheus = requireNonNull(prometheus);
  }

  @Override
  public SensorReadings gather(DomainRecord domain, List<InstanceRecord> instances, Instant now) {
    Map<String, Object> conf = domain.config().section(DomainConfig.ENGINE_CONF);
    String type = String.valueOf(conf.getOrDefault("sensor_type", "heartbeat"));
    return switch (type) {
      case "mockcloudwatch" -> mock(conf, instances);
      case "prometheus" -> prometheus(conf);
      default -> SensorReadings.NONE;
    };
  }

  private static SensorReadings mock(Map<String, Object> conf, List<InstanceRecord> instances) {
    Map<?, ?> data = conf.get("sensor_data") instanceof Map<?, ?> m ? m : Map.of();
    Map<String, Object> domainData = new LinkedHashMap<>();
    for (String metric : names(conf.get("monitor_domain_sensors"))) {
      domainData.put(metric, series(data.get(metric)));
    }
    Map<String, Object> perInstance = new LinkedHashMap<>();
    for (String metric : names(conf.get("monitor_sensors"))) {
      perInstance.put(metric, series(data.get(metric)));
    }
    Map<String, Map<String, Object>> instanceData = new LinkedHashMap<>();
    if (!perInstance.isEmpty()) {
      instances.forEach(i -> instanceData.put(i.instanceId(), perInstance));
    }
    return new SensorReadings(domainData, instanceData);
  }

  private SensorReadings prometheus(Map<String, Object> conf) {
    Object url = conf.get("prometheus_url");
    Object query = conf.get("prometheus_query");
    Object metric = conf.get("metric");
    if (url == null || query == null || metric == null) {
      return SensorReadings.NONE;
    }
    double value = prometheus.instantValue(String.valueOf(url), String.valueOf(query));
    return new SensorReadings(Map.of(String.valueOf(metric), Map.of("Series", List.of(value))), Map.of());
  }

  private static Map<String, Object> series(Object values) {
    return Map.of("Series", values instanceof List<?> l ? l : List.of());
  }

  private static List<String> names(Object value) {
    return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }
}
