package org.epum.core.decider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainLifecycle;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.EngineState;
import org.epum.core.engine.EngineRegistry;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.provisioner.ProvisionCall;
import org.epum.core.provisioner.Provisioner;
import org.epum.core.store.Fence;
import org.epum.core.store.RequestMark;
import org.epum.core.store.memory.InMemoryEpumStore;
import org.junit.jupiter.api.Test;

/** A decider whose leadership was taken over mid-flight: its pass stops, and no domain is blamed. */
class DeciderFencingTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void lostLeadershipDuringDecideAbortsThePassAndIsNotAnEngineFailure() {
    var store = new InMemoryEpumStore();
    var fence = new Fence("decider", store.bumpEpoch("decider"));
    var key = new DomainKey("owner1", "d");
    store.createDomain(new DomainRecord(key, "def", DomainConfig.of(Map.of("general", Map.of("engine_class", "simplest"),
        "engine_conf", Map.of("preserve_n", 2))), 1, DomainLifecycle.ACTIVE, EngineState.UNKNOWN, T0, T0), List.of(),
        RequestMark.NONE);
    var calls = new CopyOnWriteArrayList<String>();
    var meters = new SimpleMeterRegistry();
    var decider = new Decider(store, store, EngineRegistry.fromClasspath(), new Provisioner() {
      @Override
      public void provision(ProvisionCall call) {
        calls.add("provision " + call.instanceId());
      }

      @Override
      public void terminate(List<String> instanceIds, String owner, long epoch) {
        calls.add("terminate " + instanceIds);
      }

      @Override
      public void dumpState(List<String> instanceIds) {
        calls.add("dump_state " + instanceIds);
      }
    }, (domain, instances, now) -> SensorReadings.NONE, Clock.fixed(T0, ZoneOffset.UTC),
        new DeciderConfig(Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(), "127.0.0.1:7650"), () -> fence,
        meters);

    store.bumpEpoch("decider"); // another replica was elected

    assertThatThrownBy(decider::runOnce).isInstanceOfSatisfying(EpumException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_LEADER));
    assertThat(calls).isEmpty();
    assertThat(store.instances(key)).isEmpty();
    assertThat(meters.get("epum.decider.failures").counter().count()).as("not the domain's engine failure").isZero();
  }
}
