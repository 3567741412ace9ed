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

/**
 * Heartbeats over gRPC, unary and client-streaming. Unary: bad input is INVALID_ARGUMENT, an
 * unknown node NOT_FOUND, and a note in the answer tells what was truncated. Streamed: each bad
 * heartbeat is counted as rejected and skipped; the stream itself never fails on one. Messages
 * larger than the server's inbound limit (gRPC's 4 MiB default) are refused by gRPC itself with
 * RESOURCE_EXHAUSTED.
 */
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
          log.debug("streamed heartbeat rejected: {}", e.getMessage());
        } catch (RuntimeException e) {
          // A bug must not end the agent's stream: count it as refused, log it once here.
          rejected++;
          log.error("streamed heartbeat failed unexpectedly", e);
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

  /** Checks nothing: the intake validates (and counts) every heartbeat, including unset or unknown states. */
  private static Heartbeat heartbeat(HeartbeatRequest req) {
    return new Heartbeat(req.getNodeId(), ProtoMapper.reportedHealth(req.getState()), req.getError(),
        ProtoMapper.instant(req.hasErrorTime(), req.getErrorTime()),
        req.getFailedProcessesList().stream().map(ProtoMapper::process).toList(), req.getMetricsMap(),
        req.getAgentAddress());
  }
}
