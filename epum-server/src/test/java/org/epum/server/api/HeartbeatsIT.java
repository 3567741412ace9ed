package org.epum.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.failsWith;
import static org.epum.server.testing.Protos.struct;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.store.Fence;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.FailedProcess;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.HeartbeatRequest;
import org.epum.proto.v1.HeartbeatsGrpc;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.StreamHeartbeatsResponse;
import org.epum.server.testing.ServerITBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Heartbeat intake (DESIGN §6's first two rules, scenarios 43, 44, 49) through the gRPC API. */
class HeartbeatsIT extends ServerITBase {
  @BeforeEach
  void domains() {
    server.stubs().management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("def")
        .setConfig(struct("{}")).build());
    var api = server.as("david").management();
    api.addDomain(AddDomainRequest.newBuilder().setDomainId("monitored").setDefinitionId("def")
        .setConfig(struct("{\"health\": {\"monitor_health\": true}, \"engine_conf\": {\"preserve_n\": 0}}")).build());
    api.addDomain(AddDomainRequest.newBuilder().setDomainId("unmonitored").setDefinitionId("def")
        .setConfig(struct("{\"health\": {\"monitor_health\": false}, \"engine_conf\": {\"preserve_n\": 0}}")).build());
  }

  @Test
  void okHeartbeatMakesARunningInstanceOkAndClearsErrors() {
    String id = running("monitored");
    heartbeat(error(id, HealthState.HEALTH_STATE_MONITOR_ERROR, "faiiiill"));
    assertThat(instance("monitored", id).getHealth()).isEqualTo(HealthState.HEALTH_STATE_MONITOR_ERROR);
    assertThat(instance("monitored", id).getErrorsList()).extracting(e -> e.getMessage()).containsExactly("faiiiill");
    heartbeat(HeartbeatRequest.newBuilder().setNodeId(id).setState(HealthState.HEALTH_STATE_OK).build());
    assertThat(instance("monitored", id).getHealth()).isEqualTo(HealthState.HEALTH_STATE_OK);
    assertThat(instance("monitored", id).getErrorsList()).isEmpty();
  }

  @Test
  void scenario44_processErrorKeepsTheFirstDetails() {
    String id = running("monitored");
    var proc = FailedProcess.newBuilder().setName("proc1").setStderr("faaaaaail").setState(100).setExitCode(-1)
        .setStopTimestamp(25242);
    heartbeat(HeartbeatRequest.newBuilder().setNodeId(id).setState(HealthState.HEALTH_STATE_PROCESS_ERROR)
        .addFailedProcesses(proc).build());
    heartbeat(HeartbeatRequest.newBuilder().setNodeId(id).setState(HealthState.HEALTH_STATE_PROCESS_ERROR)
        .addFailedProcesses(proc.clone().clearStderr()).build());
    var errors = instance("monitored", id).getErrorsList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).getProcess().getStderr()).isEqualTo("faaaaaail");
    assertThat(errors.get(0).getProcess().getExitCode()).isEqualTo(-1);
  }

  @Test
  void scenario49_heartbeatsAreIgnoredWhenMonitoringIsOff() {
    String id = running("unmonitored");
    var answer = server.stubs().heartbeats().heartbeat(error(id, HealthState.HEALTH_STATE_PROCESS_ERROR, "x"));
    assertThat(answer.getAccepted()).isFalse();
    assertThat(answer.getNote()).contains("monitoring is off");
    assertThat(instance("unmonitored", id).getHealth()).isEqualTo(HealthState.HEALTH_STATE_UNKNOWN);
  }

  @Test
  void okHeartbeatDoesNotReviveATerminatedInstance() {
    String id = seed("monitored", InstanceState.TERMINATED);
    heartbeat(HeartbeatRequest.newBuilder().setNodeId(id).setState(HealthState.HEALTH_STATE_OK).build());
    assertThat(instance("monitored", id).getHealth()).isEqualTo(HealthState.HEALTH_STATE_UNKNOWN);
  }

  @Test
  void badHeartbeatsAreRefusedClearly() {
    String id = running("monitored");
    var api = server.stubs().heartbeats();
    failsWith(Status.Code.NOT_FOUND, () -> api.heartbeat(HeartbeatRequest.newBuilder().setNodeId("ghost")
        .setState(HealthState.HEALTH_STATE_OK).build()));
    assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> api.heartbeat(HeartbeatRequest.newBuilder()
        .setState(HealthState.HEALTH_STATE_OK).build()))).contains("node_id");
    failsWith(Status.Code.INVALID_ARGUMENT, () -> api.heartbeat(HeartbeatRequest.newBuilder().setNodeId(id).build()));
    failsWith(Status.Code.INVALID_ARGUMENT, () -> api.heartbeat(HeartbeatRequest.newBuilder().setNodeId(id)
        .setStateValue(42).build()));
    failsWith(Status.Code.INVALID_ARGUMENT, () -> api.heartbeat(HeartbeatRequest.newBuilder().setNodeId(id)
        .setState(HealthState.HEALTH_STATE_ZOMBIE).build()));
    assertThat(instance("monitored", id).getHealth()).isEqualTo(HealthState.HEALTH_STATE_UNKNOWN);
  }

  @Test
  void hugeErrorsAreTruncatedWithANote() {
    String id = running("monitored");
    heartbeat(error(id, HealthState.HEALTH_STATE_MONITOR_ERROR, "x".repeat(500_000)));
    String message = instance("monitored", id).getErrors(0).getMessage();
    assertThat(message.length()).isLessThan(5_000);
    assertThat(message).contains("truncated");
  }

  @Test
  void streamedHeartbeatsAreCountedAndBadOnesSkipped() throws Exception {
    String id = running("monitored");
    String ignored = running("unmonitored");
    var result = new CompletableFuture<StreamHeartbeatsResponse>();
    var stream = HeartbeatsGrpc.newStub(server.channel()).streamHeartbeats(new StreamObserver<>() {
      @Override
      public void onNext(StreamHeartbeatsResponse value) {
        result.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        result.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    });
    stream.onNext(HeartbeatRequest.newBuilder().setNodeId(id).setState(HealthState.HEALTH_STATE_OK).build());
    stream.onNext(HeartbeatRequest.newBuilder().setNodeId("ghost").setState(HealthState.HEALTH_STATE_OK).build());
    stream.onNext(HeartbeatRequest.newBuilder().setNodeId(ignored).setState(HealthState.HEALTH_STATE_OK).build());
    stream.onCompleted();
    var counts = result.get(30, TimeUnit.SECONDS);
    assertThat(counts.getReceived()).isEqualTo(3);
    assertThat(counts.getAccepted()).isEqualTo(1);
    assertThat(counts.getRejected()).isEqualTo(1);
    assertThat(counts.getIgnored()).isEqualTo(1);
    assertThat(instance("monitored", id).getHealth()).isEqualTo(HealthState.HEALTH_STATE_OK);
  }

  private void heartbeat(HeartbeatRequest hb) {
    assertThat(server.stubs().heartbeats().heartbeat(hb).getAccepted()).isTrue();
  }

  private static HeartbeatRequest error(String id, HealthState state, String message) {
    return HeartbeatRequest.newBuilder().setNodeId(id).setState(state).setError(message).build();
  }

  private String running(String domain) {
    return seed(domain, InstanceState.RUNNING);
  }

  private String seed(String domain, InstanceState state) {
    String id = UUID.randomUUID().toString();
    server.store().createInstance(new DomainKey("david", domain),
        InstanceRecord.requesting(id, Instant.EPOCH).state(state).build(), Fence.NONE);
    return id;
  }

  private Instance instance(String domain, String id) {
    return server.as("david").management().describeDomain(DescribeDomainRequest.newBuilder().setDomainId(domain)
        .build()).getInstancesList().stream().filter(i -> i.getInstanceId().equals(id)).findFirst().orElseThrow();
  }
}
