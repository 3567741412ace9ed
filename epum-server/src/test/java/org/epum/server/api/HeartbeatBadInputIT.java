package org.epum.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.failsWith;
import static org.epum.server.testing.Protos.struct;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.store.Fence;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.FailedProcess;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.HeartbeatRequest;
import org.epum.proto.v1.HeartbeatResponse;
import org.epum.proto.v1.HeartbeatsGrpc;
import org.epum.proto.v1.StreamHeartbeatsResponse;
import org.epum.server.testing.ServerITBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad heartbeats (issue 4): each gets a clear status (or a note, for what is only trimmed) and
 * changes nothing else: the instance record keeps its znode version, and the meters count it.
 */
class HeartbeatBadInputIT extends ServerITBase {
  private static final DomainKey DOMAIN = new DomainKey("david", "monitored");
  private String id;

  @BeforeEach
  void instance() {
    server.stubs().management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("def")
        .setConfig(struct("{}")).build());
    server.as("david").management().addDomain(AddDomainRequest.newBuilder().setDomainId("monitored")
        .setDefinitionId("def")
        .setConfig(struct("{\"health\": {\"monitor_health\": true}, \"engine_conf\": {\"preserve_n\": 0}}")).build());
    id = UUID.randomUUID().toString();
    server.store().createInstance(DOMAIN, InstanceRecord.requesting(id, Instant.EPOCH).state(InstanceState.RUNNING)
        .build(), Fence.NONE);
  }

  @Test
  void unknownInstanceIsNotFoundAndCreatesNothing() {
    String ghost = UUID.randomUUID().toString();
    String message = failsWith(Status.Code.NOT_FOUND, () -> api().heartbeat(ok(ghost)));
    assertThat(message).contains(ghost).contains("node_id");
    assertThat(server.store().domainOfInstance(ghost)).isEmpty();
    assertThat(server.store().instances(DOMAIN)).hasSize(1);
    // A huge unknown id is not echoed back whole.
    String huge = "x".repeat(100_000);
    assertThat(failsWith(Status.Code.NOT_FOUND, () -> api().heartbeat(ok(huge))).length()).isLessThan(300);
    assertThat(count("not_found")).isEqualTo(2);
  }

  @Test
  void missingNodeIdIsInvalidArgument() {
    int version = version();
    String message = failsWith(Status.Code.INVALID_ARGUMENT, () -> api().heartbeat(HeartbeatRequest.newBuilder()
        .setState(HealthState.HEALTH_STATE_OK).build()));
    assertThat(message).contains("node_id");
    assertThat(version()).isEqualTo(version);
  }

  @Test
  void healthStatesAnAgentMayNotReportAreInvalidArgument() {
    int version = version();
    List<HeartbeatRequest> bad = new ArrayList<>();
    bad.add(HeartbeatRequest.newBuilder().setNodeId(id).build());
    bad.add(HeartbeatRequest.newBuilder().setNodeId(id).setStateValue(42).build());
    for (HealthState s : List.of(HealthState.HEALTH_STATE_UNKNOWN, HealthState.HEALTH_STATE_OUT_OF_CONTACT,
        HealthState.HEALTH_STATE_MISSING, HealthState.HEALTH_STATE_ZOMBIE)) {
      bad.add(HeartbeatRequest.newBuilder().setNodeId(id).setState(s).build());
    }
    for (HeartbeatRequest hb : bad) {
      assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> api().heartbeat(hb)))
          .as(hb.toString()).contains("OK, MONITOR_ERROR or PROCESS_ERROR");
    }
    assertThat(version()).isEqualTo(version);
    assertThat(record().health()).isEqualTo(org.epum.core.domain.HealthState.UNKNOWN);
    assertThat(count("invalid")).isEqualTo(bad.size());
  }

  @Test
  void badMetricsAndAddressesAreInvalidArgument() {
    int version = version();
    var tooMany = HeartbeatRequest.newBuilder(ok(id));
    for (int i = 0; i < 65; i++) {
      tooMany.putMetrics("m" + i, i);
    }
    failsWith(Status.Code.INVALID_ARGUMENT, () -> api().heartbeat(tooMany.build()));
    assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> api().heartbeat(ok(id).toBuilder()
        .putMetrics("load", Double.NaN).build()))).contains("finite");
    failsWith(Status.Code.INVALID_ARGUMENT, () -> api().heartbeat(ok(id).toBuilder()
        .putMetrics("n".repeat(500), 1).build()));
    assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> api().heartbeat(ok(id).toBuilder()
        .setAgentAddress("h".repeat(10_000)).build()))).contains("agent_address");
    assertThat(version()).isEqualTo(version);
  }

  @Test
  void hugeErrorsAreBoundedAndTheAnswerSaysSo() {
    var procs = new ArrayList<FailedProcess>();
    for (int i = 0; i < 40; i++) {
      procs.add(FailedProcess.newBuilder().setName("p" + i).setExitCode(1).setStderr("e".repeat(10_000)).build());
    }
    HeartbeatResponse answer = api().heartbeat(HeartbeatRequest.newBuilder().setNodeId(id)
        .setState(HealthState.HEALTH_STATE_PROCESS_ERROR).setError("x".repeat(500_000)).addAllFailedProcesses(procs)
        .build());
    assertThat(answer.getAccepted()).isTrue();
    assertThat(answer.getHealth()).isEqualTo(HealthState.HEALTH_STATE_PROCESS_ERROR);
    assertThat(answer.getNote()).contains("error truncated").contains("stderr").contains("16 of 40");
    var errors = record().errors();
    assertThat(errors).hasSize(17);
    assertThat(errors.get(0).message()).hasSizeLessThan(5_000).contains("truncated");
    assertThat(errors.get(0).process().stderr()).hasSizeLessThan(5_000).contains("truncated");
    assertThat(errors.get(16).message()).contains("24 more failed processes");
  }

  @Test
  void aMessageOverTheServersLimitIsRefusedByGrpc() {
    int version = version();
    failsWith(Status.Code.RESOURCE_EXHAUSTED, () -> api().heartbeat(HeartbeatRequest.newBuilder().setNodeId(id)
        .setState(HealthState.HEALTH_STATE_MONITOR_ERROR).setError("x".repeat(5_000_000)).build()));
    assertThat(version()).isEqualTo(version);
    // The server is fine afterwards.
    assertThat(api().heartbeat(ok(id)).getHealth()).isEqualTo(HealthState.HEALTH_STATE_OK);
  }

  @Test
  void badHeartbeatsOnAStreamAreCountedAndSkipped() throws Exception {
    var result = new CompletableFuture<StreamHeartbeatsResponse>();
    var stream = HeartbeatsGrpc.newStub(server.channel()).withDeadlineAfter(30, TimeUnit.SECONDS)
        .streamHeartbeats(new StreamObserver<>() {
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
    stream.onNext(HeartbeatRequest.newBuilder().setState(HealthState.HEALTH_STATE_OK).build());
    stream.onNext(HeartbeatRequest.newBuilder().setNodeId(id).setStateValue(99).build());
    stream.onNext(ok("ghost"));
    stream.onNext(ok(id).toBuilder().putMetrics("bad", Double.POSITIVE_INFINITY).build());
    stream.onNext(ok(id));
    stream.onCompleted();
    var counts = result.get(30, TimeUnit.SECONDS);
    assertThat(counts.getReceived()).isEqualTo(5);
    assertThat(counts.getRejected()).isEqualTo(4);
    assertThat(counts.getAccepted()).isEqualTo(1);
    assertThat(record().health()).isEqualTo(org.epum.core.domain.HealthState.OK);
    assertThat(count("accepted")).isEqualTo(1);
    assertThat(count("invalid") + count("not_found")).isEqualTo(4);
  }

  private HeartbeatsGrpc.HeartbeatsBlockingStub api() {
    return server.stubs().heartbeats();
  }

  private static HeartbeatRequest ok(String node) {
    return HeartbeatRequest.newBuilder().setNodeId(node).setState(HealthState.HEALTH_STATE_OK).build();
  }

  private InstanceRecord record() {
    return server.store().instance(DOMAIN, id).orElseThrow().value();
  }

  private int version() {
    return server.store().instance(DOMAIN, id).orElseThrow().version();
  }

  private double count(String outcome) {
    var c = server.meters().find("epum.heartbeats").tag("outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }
}
