package org.epum.server.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.epum.core.error.EpumException;
import org.epum.core.time.ManualClock;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.NodeRecord;
import org.epum.proto.v1.ProvisionRequest;
import org.epum.server.cloud.sim.SimAgents;
import org.epum.server.cloud.sim.SimDriver;
import org.epum.server.config.SimConfig;
import org.junit.jupiter.api.Test;

/**
 * The embedded Provisioner and the sim driver on a {@link ManualScheduler}: the state machine,
 * the pushes with increasing update_counter and their retry, the epoch fence and a restart from
 * the store, without threads or real time.
 */
class SimProvisionerTest {
  private final ManualScheduler scheduler = new ManualScheduler();
  private final MemoryNodeStore store = new MemoryNodeStore();
  private final List<NodeRecord> pushed = new ArrayList<>();
  private final AtomicBoolean epumDown = new AtomicBoolean();
  private final SimConfig config = new SimConfig(Duration.ofSeconds(1), Duration.ofSeconds(10),
      Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(3), 0, Duration.ofSeconds(5), "load",
      "0s:0.5", "", 1, Map.of("east", new SimConfig.Site(2, -1)));

  private EmbeddedProvisioner provisioner() {
    InstanceStateSink sink = node -> {
      if (epumDown.get()) {
        throw EpumException.storeUnavailable("epum down (test)", null);
      }
      pushed.add(node);
    };
    var agents = new SimAgents(scheduler, new ManualClock(java.time.Instant.EPOCH), config.heartbeatInterval(),
        "load", "", dest -> null);
    var driver = new SimDriver(config, scheduler, new Random(1), agents);
    var p = new EmbeddedProvisioner(store, driver, new StatePusher(sink, scheduler, Duration.ofSeconds(4)),
        (type, site) -> type.equals("ghost") ? Optional.of("unknown deployable type ghost") : Optional.empty());
    p.start();
    return p;
  }

  @Test
  void aLaunchBootsThroughEveryStateAndEachChangeIsPushedWithAHigherCounter() {
    var p = provisioner();
    assertThat(p.provision(launch("i-1", 1)).getState()).isEqualTo(InstanceState.INSTANCE_STATE_REQUESTED);
    scheduler.forward(Duration.ZERO);
    assertThat(states()).containsExactly(InstanceState.INSTANCE_STATE_REQUESTED);
    scheduler.forward(Duration.ofSeconds(1));
    assertThat(state(p, "i-1")).isEqualTo(InstanceState.INSTANCE_STATE_PENDING);
    scheduler.forward(Duration.ofSeconds(9));
    assertThat(state(p, "i-1")).as("boot takes 10 s").isEqualTo(InstanceState.INSTANCE_STATE_PENDING);
    scheduler.forward(Duration.ofSeconds(1));
    assertThat(state(p, "i-1")).isEqualTo(InstanceState.INSTANCE_STATE_STARTED);
    scheduler.forward(Duration.ofSeconds(2));
    assertThat(state(p, "i-1")).isEqualTo(InstanceState.INSTANCE_STATE_RUNNING);
    assertThat(states()).containsExactly(InstanceState.INSTANCE_STATE_REQUESTED, InstanceState.INSTANCE_STATE_PENDING,
        InstanceState.INSTANCE_STATE_STARTED, InstanceState.INSTANCE_STATE_RUNNING);
    assertThat(pushed).extracting(NodeRecord::getUpdateCounter).containsExactly(1L, 2L, 3L, 4L);

    p.terminate(List.of("i-1"), "", 1);
    scheduler.forward(Duration.ofSeconds(3));
    assertThat(state(p, "i-1")).isEqualTo(InstanceState.INSTANCE_STATE_TERMINATED);
    assertThat(states()).endsWith(InstanceState.INSTANCE_STATE_TERMINATING, InstanceState.INSTANCE_STATE_TERMINATED);
  }

  @Test
  void aTerminateOvertakesABootAndNoBootStepAppliesAfterIt() {
    var p = provisioner();
    p.provision(launch("i-1", 1));
    scheduler.forward(Duration.ofSeconds(2));
    p.terminate(List.of("i-1"), "", 1);
    scheduler.forward(Duration.ofSeconds(30));
    assertThat(state(p, "i-1")).isEqualTo(InstanceState.INSTANCE_STATE_TERMINATED);
    assertThat(states()).doesNotContain(InstanceState.INSTANCE_STATE_RUNNING);
  }

  @Test
  void unacknowledgedPushesAreRetriedAndOnlyTheNewestRecordIsSent() {
    var p = provisioner();
    epumDown.set(true);
    p.provision(launch("i-1", 1));
    scheduler.forward(Duration.ofSeconds(14));
    assertThat(pushed).isEmpty();
    epumDown.set(false);
    scheduler.forward(Duration.ofSeconds(5));
    assertThat(states()).containsExactly(InstanceState.INSTANCE_STATE_RUNNING);
  }

  @Test
  void staleEpochsCapacityAndUnknownTypesAreRefused() {
    var p = provisioner();
    p.provision(launch("i-1", 5));
    assertThatThrownBy(() -> p.provision(launch("i-2", 4))).hasMessageContaining("epoch 4");
    assertThat(p.provision(launch("i-2", 5)).getState()).isEqualTo(InstanceState.INSTANCE_STATE_REQUESTED);
    NodeRecord full = p.provision(launch("i-3", 5));
    assertThat(full.getState()).isEqualTo(InstanceState.INSTANCE_STATE_FAILED);
    assertThat(full.getStateDesc()).contains("capacity");
    NodeRecord ghost = p.provision(launch("i-4", 5).toBuilder().setDeployableType("ghost").build());
    assertThat(ghost.getStateDesc()).contains("ghost");
    assertThat(store.epoch()).isEqualTo(5);
  }

  @Test
  void aRestartResumesBootsFromTheStore() {
    var first = provisioner();
    first.provision(launch("i-1", 1));
    scheduler.forward(Duration.ofSeconds(1));
    first.stop();
    var second = provisioner();
    assertThat(state(second, "i-1")).isEqualTo(InstanceState.INSTANCE_STATE_PENDING);
    scheduler.forward(Duration.ofSeconds(12));
    assertThat(state(second, "i-1")).isEqualTo(InstanceState.INSTANCE_STATE_RUNNING);
    assertThat(second.describe(List.of(), "")).hasSize(1);
  }

  private List<InstanceState> states() {
    return pushed.stream().map(NodeRecord::getState).toList();
  }

  private static InstanceState state(EmbeddedProvisioner p, String id) {
    return p.describe(List.of(id), "").get(0).getState();
  }

  private static ProvisionRequest launch(String id, long epoch) {
    return ProvisionRequest.newBuilder().setInstanceId(id).setLaunchId("l-" + id).setDeployableType("worker")
        .setSite("east").setOwner("alice").setEpoch(epoch).build();
  }
}
