package org.epum.server.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.at;

import java.time.Instant;
import java.util.Map;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.store.Fence;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.ReapedInstance;
import org.epum.proto.v1.RunReaperRequest;
import org.epum.proto.v1.RunReaperResponse;
import org.epum.server.testing.ServerITBase;
import org.junit.jupiter.api.Test;

/** Scenario 50: the reaper deletes terminal records older than the max age, and nothing else. */
class ReaperIT extends ServerITBase {
  private static final long T = 100_000;

  @Override
  protected String extraConfig() {
    return "reaper: {max_age: 7200s}\n";
  }

  @Test
  void scenario50_reapsOnlyTerminalRecordsOlderThanTheMaxAge() {
    HealthHarness h = new HealthHarness(server, "owner1", "reaped", "{\"preserve_n\": 0}");
    DomainKey key = h.domain;
    Map<String, Object[]> seeds = Map.of(
        "n1", new Object[] {InstanceState.RUNNING, T - 7201},
        "n2", new Object[] {InstanceState.TERMINATED, T - 7201},
        "n3", new Object[] {InstanceState.REJECTED, T - 7201},
        "n4", new Object[] {InstanceState.FAILED, T - 7201},
        "n5", new Object[] {InstanceState.TERMINATED, T - 7140},
        "n6", new Object[] {InstanceState.REJECTED, T - 7140},
        "n7", new Object[] {InstanceState.FAILED, T - 7140});
    seeds.forEach((id, s) -> server.store().createInstance(key, InstanceRecord.requesting(id,
        Instant.ofEpochSecond((long) s[1])).state((InstanceState) s[0]).health(HealthState.UNKNOWN).build(), Fence.NONE));

    RunReaperResponse reaped = server.stubs().admin().runReaper(RunReaperRequest.newBuilder().setAt(at(T)).build());

    assertThat(reaped.getReapedList()).extracting(ReapedInstance::getInstanceId)
        .containsExactlyInAnyOrder("n2", "n3", "n4");
    assertThat(remainingIds(key)).containsExactlyInAnyOrder("n1", "n5", "n6", "n7");
    assertThat(server.stubs().admin().runReaper(RunReaperRequest.newBuilder().setAt(at(T)).build()).getReapedList())
        .as("a second pass at the same time finds nothing more").isEmpty();
  }

  private java.util.List<String> remainingIds(DomainKey key) {
    return server.as(key.owner()).management().describeDomain(DescribeDomainRequest.newBuilder()
        .setDomainId(key.domainId()).build()).getInstancesList().stream().map(Instance::getInstanceId).toList();
  }
}
