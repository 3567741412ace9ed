package org.epum.core.testing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.DomainSnapshot;

/** Builders for engine tests: engine confs, instance records, snapshots, sensor data. */
public final class EngineTestSupport {
  public static final DomainKey DOMAIN = new DomainKey("owner1", "domain1");
  public static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

  private EngineTestSupport() {}

  /**
   * An engine_conf from alternating keys and values, normalised as a stored config is (an int
   * becomes a Long), so engines see what they see in production.
   */
  public static Map<String, Object> conf(Object... keysAndValues) {
    return DomainConfig.of(Map.of(DomainConfig.ENGINE_CONF, map(keysAndValues))).section(DomainConfig.ENGINE_CONF);
  }

  /** A mutable-order map from alternating keys and values (values may be nested maps and lists). */
  public static Map<String, Object> map(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must alternate");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** A multisite cloud entry. */
  public static Map<String, Object> cloud(String site, int size, int rank) {
    return map("site_name", site, "size", size, "rank", rank);
  }

  /** Instance sensor data in the series shape: {Series: [values...]}. */
  public static Map<String, Object> series(Number... values) {
    return Map.of("Series", List.of(values));
  }

  /** A record in {@code state} at T0 with the simplest engine's default launch fields. */
  public static InstanceRecord.Builder instance(String id, InstanceState state) {
    return InstanceRecord.requesting(id, T0).state(state).launchId("l-" + id).deployableType("epu_work_consumer")
        .site("ec2-east").allocation("small");
  }

  public static DomainSnapshot snapshot(Instant now, InstanceRecord... instances) {
    return new DomainSnapshot(DOMAIN, List.of(instances), Map.of(), now);
  }

  public static DomainSnapshot empty() {
    return snapshot(T0);
  }
}
