package org.epum.core.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainLifecycle;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.EngineState;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.store.Fence;
import org.epum.core.store.RequestMark;
import org.epum.core.store.memory.InMemoryEpumStore;
import org.epum.core.time.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When a heartbeat costs a store write (DESIGN §4, "Heartbeats and ZooKeeper"). */
class HeartbeatIntakeTest {
  private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
  private static final DomainKey KEY = new DomainKey("owner1", "d1");

  private final ManualClock clock = new ManualClock(T0);
  private final InMemoryEpumStore store = new InMemoryEpumStore();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final HeartbeatIntake intake = new HeartbeatIntake(store, store, clock, HeartbeatSettings.DEFAULT, meters);

  @BeforeEach
  void domainWithOneRunningInstance() {
    var config = DomainConfig.of(Map.of(DomainConfig.HEALTH, Map.of("monitor_health", true, "missing_timeout", 120L),
        DomainConfig.ENGINE_CONF, Map.of("minimum_vms", 1L, "metric", "load")));
    store.createDomain(new DomainRecord(KEY, "def", config, 1, DomainLifecycle.ACTIVE, EngineState.PENDING, T0, T0),
        List.of(), RequestMark.NONE);
    store.createInstance(KEY, InstanceRecord.requesting("i-1", T0).state(InstanceState.RUNNING).build(), Fence.NONE);
  }

  @Test
  void steadyOkHeartbeatsAreWrittenOnlyEveryPersistInterval() {
    assertThat(intake.accept(withLoad(0.5)).written()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(intake.accept(withLoad(0.5)).written()).isFalse();
    clock.advance(Duration.ofSeconds(40)); // missing_timeout/4, plus this instance's spread of under a quarter of that
    assertThat(intake.accept(withLoad(0.5)).written()).isTrue();
  }

  @Test
  void changedMetricsAreWrittenAtOnceSoTheNextDecisionSeesThem() {
    intake.accept(withLoad(0.5));
    clock.advance(Duration.ofSeconds(1));

    var outcome = intake.accept(withLoad(3.0));

    assertThat(outcome.written()).isTrue();
    assertThat(store.instance(KEY, "i-1").orElseThrow().value().sensorData()).containsEntry("load", 3.0);
  }

  @Test
  void aHealthChangeIsCountedByTargetStateAndLogged() {
    intake.accept(withLoad(0.5));

    assertThat(meters.counter("epum.health.transitions", "to", "OK").count()).isEqualTo(1);
    assertThat(store.read(KEY, 0, 10)).hasSize(1);
  }

  @Test
  void otherMetricsRideWithTheNextTimedWrite() {
    intake.accept(withLoad(0.5));
    clock.advance(Duration.ofSeconds(1));

    assertThat(intake.accept(new Heartbeat("i-1", HealthState.OK, "", null, List.of(),
        Map.of("load", 0.5, "queue", 7.0), "")).written()).as("queue is not what the domain scales on").isFalse();
    clock.advance(Duration.ofSeconds(60));
    assertThat(intake.accept(new Heartbeat("i-1", HealthState.OK, "", null, List.of(),
        Map.of("load", 0.5, "queue", 8.0), "")).written()).isTrue();
    assertThat(store.instance(KEY, "i-1").orElseThrow().value().sensorData()).containsEntry("queue", 8.0);
  }

  @Test
  void aNewMetricIsMergedWithTheOnesAlreadyKept() {
    intake.accept(withLoad(0.5));
    clock.advance(Duration.ofSeconds(1));

    intake.accept(new Heartbeat("i-1", HealthState.OK, "", null, List.of(), Map.of("queue", 7.0, "load", 0.7), ""));

    assertThat(store.instance(KEY, "i-1").orElseThrow().value().sensorData())
        .containsEntry("load", 0.7).containsEntry("queue", 7.0);
  }

  @Test
  void withMonitoringOffHealthIsIgnoredButMetricsAreKept() {
    DomainKey unmonitored = new DomainKey("owner1", "d2");
    var config = DomainConfig.of(Map.of(DomainConfig.HEALTH, Map.of("monitor_health", false),
        DomainConfig.ENGINE_CONF, Map.of("metric", "load")));
    store.createDomain(new DomainRecord(unmonitored, "def", config, 1, DomainLifecycle.ACTIVE, EngineState.PENDING,
        T0, T0), List.of(), RequestMark.NONE);
    store.createInstance(unmonitored, InstanceRecord.requesting("i-2", T0).state(InstanceState.RUNNING).build(),
        Fence.NONE);

    var first = intake.accept(new Heartbeat("i-2", HealthState.PROCESS_ERROR, "boom", null, List.of(),
        Map.of("load", 0.5), ""));
    var repeated = intake.accept(new Heartbeat("i-2", HealthState.OK, "", null, List.of(), Map.of("load", 0.5), ""));

    assertThat(first.accepted()).isFalse();
    assertThat(first.written()).isTrue();
    assertThat(repeated.written()).isFalse();
    var stored = store.instance(unmonitored, "i-2").orElseThrow().value();
    assertThat(stored.health()).isEqualTo(HealthState.UNKNOWN);
    assertThat(stored.errors()).isEmpty();
    assertThat(stored.lastHeartbeat()).isNull();
    assertThat(stored.sensorData()).containsEntry("load", 0.5);
  }

  private static Heartbeat withLoad(double load) {
    return new Heartbeat("i-1", HealthState.OK, "", null, List.of(), Map.of("load", load), "");
  }
}
