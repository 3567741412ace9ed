package org.epum.core.testing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epum.core.domain.DefinitionRecord;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainLifecycle;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.EngineState;
import org.epum.core.domain.FailedProcess;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceError;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.domain.Subscriber;
import org.epum.core.store.RequestMark;

/**
 * Records for tests, with every field set to a value that survives a store round trip only if the
 * store keeps it exactly (nanosecond instants, Long/Double/Boolean/nested config values). Shared
 * with epum-server's tests through the test-jar.
 */
public final class TestRecords {
  /** A fixed instant with nanoseconds, so truncation shows. */
  public static final Instant T0 = Instant.parse("2024-05-01T00:00:00.123456789Z");

  private TestRecords() {}

  /** A config using every value type a config may hold. */
  public static DomainConfig config() {
    Map<String, Object> general = new LinkedHashMap<>();
    general.put("engine_class", "simplest");
    general.put("chef_credential", "chef-1");
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("monitor_health", true);
    health.put("boot_timeout", 300L);
    health.put("missing_timeout", 120.5);
    Map<String, Object> engine = new LinkedHashMap<>();
    engine.put("preserve_n", 2L);
    engine.put("big", Long.MAX_VALUE);
    engine.put("ratio", 0.1);
    engine.put("sites", List.of("ec2-east", "ec2-west"));
    engine.put("provisioner_vars", Map.of("x", 1L, "nested", Map.of("y", List.of(1.5, false, "z"))));
    return DomainConfig.of(Map.of(DomainConfig.GENERAL, general, DomainConfig.HEALTH, health,
        DomainConfig.ENGINE_CONF, engine));
  }

  public static DefinitionRecord definition(String id) {
    return new DefinitionRecord(id, config(), "definition " + id, T0, T0.plusSeconds(1));
  }

  public static DomainKey key(String owner, String domainId) {
    return new DomainKey(owner, domainId);
  }

  public static DomainRecord domain(DomainKey key) {
    return new DomainRecord(key, "def1", config(), 1, DomainLifecycle.ACTIVE, EngineState.PENDING, T0,
        T0.plusMillis(5));
  }

  public static List<Subscriber> subscribers(String... names) {
    return java.util.Arrays.stream(names).map(n -> new Subscriber(n, n + ".example:7000")).toList();
  }

  /** An instance with every field set, nullable ones included. */
  public static InstanceRecord fullInstance(String id) {
    Map<String, Object> extravars = new LinkedHashMap<>();
    extravars.put("count", 3L);
    extravars.put("weight", 2.5);
    extravars.put("on", true);
    extravars.put("tags", List.of("a", "b"));
    extravars.put("deep", Map.of("k", List.of(Map.of("n", 1L))));
    Map<String, Object> sensors = new LinkedHashMap<>();
    sensors.put("cpu", List.of(0.5, 0.75));
    sensors.put("queue_length", 17L);
    return InstanceRecord.requesting(id, T0)
        .launchId("launch-" + id)
        .deployableType("dt-web")
        .site("ec2-east")
        .allocation("m1.small")
        .state(InstanceState.RUNNING)
        .stateTime(T0.plusSeconds(30))
        .health(HealthState.PROCESS_ERROR)
        .errors(List.of(InstanceError.of("disk full"),
            new InstanceError("worker died", new FailedProcess("worker", 100, 137, "killed", 1714521600L))))
        .errorTime(T0.plusSeconds(40))
        .extravars(extravars)
        .agentAddress("10.0.0.5:9000")
        .lastHeartbeat(T0.plusSeconds(45))
        .sensorData(sensors)
        .iaasId("i-0abc")
        .publicIp("203.0.113.5")
        .privateIp("10.0.0.5")
        .hostname("web-1.example")
        .updateCounter(7L)
        .properties(Map.of("zone", "us-east-1a", "image", "ami-1"))
        .lastAttempt(T0.plusSeconds(2))
        .build();
  }

  /** An instance as EPUM first writes it: REQUESTING, nullable fields null. */
  public static InstanceRecord newInstance(String id) {
    return InstanceRecord.requesting(id, T0).launchId("launch-" + id).deployableType("dt-web").site("ec2-east")
        .build();
  }

  public static RequestMark mark(String owner, String requestId, String operation, String target) {
    return new RequestMark(owner, requestId, operation, target, T0.plusNanos(42));
  }
}
