package org.epum.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.at;
import static org.epum.server.testing.Protos.failsWith;
import static org.epum.server.testing.Protos.instant;
import static org.epum.server.testing.Protos.struct;

import io.grpc.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.store.Fence;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.HeartbeatRequest;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.InstanceStateReport;
import org.epum.proto.v1.SetClockRequest;
import org.epum.server.testing.ServerITBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenarios 28-35: accepting the Provisioner's state reports, through the gRPC API on ZooKeeper.
 * Instances are seeded through the store until the decider launches them.
 */
class InstanceRecordsIT extends ServerITBase {
  private static final DomainKey DOMAIN = new DomainKey("owner1", "dom");

  @BeforeEach
  void domain() {
    var admin = server.stubs().management();
    admin.createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("def")
        .setConfig(struct("{\"health\": {\"monitor_health\": true}}")).build());
    server.as("owner1").management().addDomain(AddDomainRequest.newBuilder().setDomainId("dom")
        .setDefinitionId("def").setConfig(struct("{\"engine_conf\": {\"preserve_n\": 1}}")).build());
  }

  @Test
  void scenario28_recordLifecycle() {
    clock(1);
    String id = seed(Map.of());
    Instance launched = instance(id);
    assertThat(launched.getState()).isEqualTo(InstanceState.INSTANCE_STATE_REQUESTING);
    assertThat(instant(launched.getStateTime())).isEqualTo(Instant.ofEpochSecond(1));
    assertThat(launched.getHealth()).isEqualTo(HealthState.HEALTH_STATE_UNKNOWN);
    assertThat(launched.getSite()).isEqualTo("chicago");
    assertThat(launched.getAllocation()).isEqualTo("big");

    clock(2);
    report(id, InstanceState.INSTANCE_STATE_STARTED);
    assertThat(instance(id).getState()).isEqualTo(InstanceState.INSTANCE_STATE_STARTED);
    assertThat(instant(instance(id).getStateTime())).isEqualTo(Instant.ofEpochSecond(2));
    assertThat(instance(id).getHealth()).isEqualTo(HealthState.HEALTH_STATE_UNKNOWN);

    heartbeat(HeartbeatRequest.newBuilder().setNodeId(id).setState(HealthState.HEALTH_STATE_PROCESS_ERROR)
        .setError("blah").build());
    clock(3);
    report(id, InstanceState.INSTANCE_STATE_RUNNING);
    Instance running = instance(id);
    assertThat(running.getState()).isEqualTo(InstanceState.INSTANCE_STATE_RUNNING);
    assertThat(instant(running.getStateTime())).isEqualTo(Instant.ofEpochSecond(3));
    assertThat(running.getHealth()).isEqualTo(HealthState.HEALTH_STATE_PROCESS_ERROR);
    assertThat(running.getErrorsList()).extracting(e -> e.getMessage()).containsExactly("blah");
    assertThat(describe().getInstancesList()).extracting(Instance::getInstanceId).containsExactly(id);
  }

  @Test
  void scenario29_extravarsCarriedForward() {
    String id = seed(Map.of("iwant", "asandwich", "4", "real"));
    report(id, InstanceState.INSTANCE_STATE_RUNNING);
    assertThat(instance(id).getExtravars()).isEqualTo(struct("{\"iwant\": \"asandwich\", \"4\": \"real\"}"));
  }

  @Test
  void scenario30_incompleteFailedRecordKeepsLaunchFields() {
    String id = seed(Map.of());
    report(id, InstanceState.INSTANCE_STATE_FAILED);
    Instance failed = instance(id);
    assertThat(failed.getInstanceId()).isEqualTo(id);
    assertThat(failed.getLaunchId()).isEqualTo("launch-" + id);
    assertThat(failed.getSite()).isEqualTo("chicago");
    assertThat(failed.getAllocation()).isEqualTo("big");
    assertThat(failed.getState()).isEqualTo(InstanceState.INSTANCE_STATE_FAILED);
  }

  @ParameterizedTest
  @EnumSource(value = InstanceState.class,
      names = {"INSTANCE_STATE_TERMINATING", "INSTANCE_STATE_TERMINATED", "INSTANCE_STATE_FAILED"})
  void scenario31_healthResetOnTermination(InstanceState terminal) {
    String id = seed(Map.of());
    clock(6);
    report(id, InstanceState.INSTANCE_STATE_RUNNING);
    heartbeat(HeartbeatRequest.newBuilder().setNodeId(id).setState(HealthState.HEALTH_STATE_PROCESS_ERROR)
        .setError("blah").setErrorTime(at(123)).build());
    clock(7);
    report(id, terminal);
    Instance after = instance(id);
    assertThat(after.getHealth()).isEqualTo(HealthState.HEALTH_STATE_UNKNOWN);
    assertThat(after.getErrorTime()).isEqualTo(at(123));
    assertThat(after.getErrorsList()).extracting(e -> e.getMessage()).containsExactly("blah");
  }

  @Test
  void scenario32_noGoingBackwards() {
    String id = seed(Map.of());
    report(id, InstanceState.INSTANCE_STATE_STARTED);
    var answer = report(id, InstanceState.INSTANCE_STATE_REQUESTED);
    assertThat(answer.getAccepted()).isFalse();
    assertThat(answer.getReason()).contains("backwards");
    assertThat(instance(id).getState()).isEqualTo(InstanceState.INSTANCE_STATE_STARTED);
  }

  @Test
  void scenarios33and34_concurrentReportsHighestStateWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      var api = server.stubs().instanceStates();
      for (int round = 0; round < 20; round++) {
        String id = seed(Map.of());
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<?>> racing = new ArrayList<>();
        for (InstanceState s : round % 2 == 0
            ? List.of(InstanceState.INSTANCE_STATE_PENDING, InstanceState.INSTANCE_STATE_STARTED)
            : List.of(InstanceState.INSTANCE_STATE_STARTED, InstanceState.INSTANCE_STATE_PENDING)) {
          racing.add(CompletableFuture.runAsync(() -> {
            await(together);
            api.reportInstanceState(InstanceStateReport.newBuilder().setNodeId(id).setState(s).build());
          }, pool));
        }
        CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(instance(id).getState()).as("round %d", round).isEqualTo(InstanceState.INSTANCE_STATE_STARTED);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void scenario35_updateCounterOrdering() {
    String id = seed(Map.of());
    assertThat(report(InstanceStateReport.newBuilder().setNodeId(id).setState(InstanceState.INSTANCE_STATE_STARTED)
        .setUpdateCounter(1).build()).getAccepted()).isTrue();
    assertThat(report(running(id, 2, "vm-1234")).getAccepted()).isTrue();
    assertThat(instance(id).getPublicIp()).isEqualTo("vm-1234");
    assertThat(report(running(id, 3, "1.2.3.4")).getAccepted()).isTrue();
    assertThat(instance(id).getPublicIp()).isEqualTo("1.2.3.4");
    assertThat(report(running(id, 2, "localhost")).getAccepted()).isFalse();
    assertThat(instance(id).getPublicIp()).isEqualTo("1.2.3.4");
    assertThat(report(InstanceStateReport.newBuilder().setNodeId(id).setState(InstanceState.INSTANCE_STATE_STARTED)
        .setUpdateCounter(4).build()).getAccepted()).isFalse();
    assertThat(instance(id).getState()).isEqualTo(InstanceState.INSTANCE_STATE_RUNNING);
    assertThat(instance(id).getUpdateCounter()).isEqualTo(3);
  }

  @Test
  void badReportsAreRefusedAndChangeNothing() {
    String id = seed(Map.of());
    var api = server.stubs().instanceStates();
    failsWith(Status.Code.NOT_FOUND, () -> api.reportInstanceState(InstanceStateReport.newBuilder()
        .setNodeId("nobody").setState(InstanceState.INSTANCE_STATE_RUNNING).build()));
    failsWith(Status.Code.INVALID_ARGUMENT, () -> api.reportInstanceState(InstanceStateReport.newBuilder()
        .setState(InstanceState.INSTANCE_STATE_RUNNING).build()));
    String unset = failsWith(Status.Code.INVALID_ARGUMENT, () -> api.reportInstanceState(
        InstanceStateReport.newBuilder().setNodeId(id).build()));
    assertThat(unset).contains("state");
    failsWith(Status.Code.INVALID_ARGUMENT, () -> api.reportInstanceState(InstanceStateReport.newBuilder()
        .setNodeId(id).setStateValue(601).build()));
    assertThat(instance(id).getState()).isEqualTo(InstanceState.INSTANCE_STATE_REQUESTING);
  }

  private static InstanceStateReport running(String id, long counter, String ip) {
    return InstanceStateReport.newBuilder().setNodeId(id).setState(InstanceState.INSTANCE_STATE_RUNNING)
        .setUpdateCounter(counter).setPublicIp(ip).build();
  }

  private String seed(Map<String, Object> extravars) {
    String id = UUID.randomUUID().toString();
    var now = instant(server.stubs().admin().getServerStatus(
        org.epum.proto.v1.GetServerStatusRequest.getDefaultInstance()).getNow());
    server.store().createInstance(DOMAIN, InstanceRecord.requesting(id, now).launchId("launch-" + id)
        .deployableType("dt").site("chicago").allocation("big").extravars(extravars).build(), Fence.NONE);
    return id;
  }

  private void clock(long epochSeconds) {
    server.stubs().admin().setClock(SetClockRequest.newBuilder().setAt(at(epochSeconds)).build());
  }

  private org.epum.proto.v1.ReportInstanceStateResponse report(String id, InstanceState state) {
    return report(InstanceStateReport.newBuilder().setNodeId(id).setState(state).build());
  }

  private org.epum.proto.v1.ReportInstanceStateResponse report(InstanceStateReport report) {
    return server.stubs().instanceStates().reportInstanceState(report);
  }

  private void heartbeat(HeartbeatRequest hb) {
    assertThat(server.stubs().heartbeats().heartbeat(hb).getAccepted()).isTrue();
  }

  private org.epum.proto.v1.Domain describe() {
    return server.as("owner1").management().describeDomain(DescribeDomainRequest.newBuilder().setDomainId("dom")
        .build());
  }

  private Instance instance(String id) {
    return describe().getInstancesList().stream().filter(i -> i.getInstanceId().equals(id)).findFirst()
        .orElseThrow();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
