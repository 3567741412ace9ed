package org.epum.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import org.epum.core.error.EpumException;
import org.epum.core.reactor.Heartbeat;
import org.epum.core.reactor.HeartbeatIntake;
import org.epum.core.reactor.HeartbeatOutcome;
import org.epum.proto.v1.HeartbeatRequest;
import org.epum.proto.v1.HeartbeatResponse;
import org.epum.proto.v1.HeartbeatsGrpc;
import org.epum.proto.v1.StreamHeartbeatsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Heartbeats over gRPC, unary and client-streaming. */
public final class HeartbeatsGrpcService extends HeartbeatsGrpc.HeartbeatsImplBase {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatsGrpcService.class);

  private final HeartbeatIntake intake;

  @Inject
  public HeartbeatsGrpcService(HeartbeatIntake intake) {
    this.intake = requireNonNull(intake);
  }

  @Override
  public void heartbeat(HeartbeatRequest req, StreamObserver<HeartbeatResponse> out) {
    GrpcCalls.unary(out, () -> {
      HeartbeatOutcome outcome = intake.accept(heartbeat(req));
      return HeartbeatResponse.newBuilder().setAccepted(outcome.accepted()).setNote(outcome.note())
          .setHealth(ProtoMapper.health(outcome.health())).build();
    });
  }

  @Override
  public StreamObserver<HeartbeatRequest> streamHeartbeats(StreamObserver<StreamHeartbeatsResponse> out) {
    return new StreamObserver<>() {
      private long received;
      private long accepted;
      private long ignored;
      private long rejected;

      @Override
      public void onNext(HeartbeatRequest req) {
        received++;
        try {
          if (intake.accept(heartbeat(req)).accepted()) {
            accepted++;
          } else {
            ignored++;
          }
        } catch (EpumException e) {
          rejected++;
          log.debug("streamed heartbeat for node {} rejected: {}", req.getNodeId(), e.getMessage());
        }
      }

      @Override
      public void onError(Throwable t) {
        log.debug("heartbeat stream ended by the client: {}", t.toString());
      }

      @Override
      public void onCompleted() {
        out.onNext(StreamHeartbeatsResponse.newBuilder().setReceived(received).setAccepted(accepted)
            .setIgnored(ignored).setRejected(rejected).build());
        out.onCompleted();
      }
    };
  }

  private static Heartbeat heartbeat(HeartbeatRequest req) {
    if (req.getNodeId().isEmpty()) {
      throw EpumException.invalidArgument("node_id is required: the node_id EPUM gave in the launch vars");
    }
    return new Heartbeat(req.getNodeId(), ProtoMapper.health(req.getState()), req.getError(),
        ProtoMapper.instant(req.hasErrorTime(), req.getErrorTime()),
        req.getFailedProcessesList().stream().map(ProtoMapper::process).toList(), req.getMetricsMap(),
        req.getAgentAddress());
  }
}
