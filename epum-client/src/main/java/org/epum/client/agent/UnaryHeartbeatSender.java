package org.epum.client.agent;

import static java.util.Objects.requireNonNull;

import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.epum.proto.v1.HeartbeatRequest;
import org.epum.proto.v1.HeartbeatResponse;
import org.epum.proto.v1.HeartbeatsGrpc;

/** One Heartbeats.Heartbeat call per heartbeat, with a deadline; EPUM's answer is logged when it refuses or ignores. */
public final class UnaryHeartbeatSender implements HeartbeatSender {
  private static final System.Logger log = System.getLogger(UnaryHeartbeatSender.class.getName());

  private final HeartbeatsGrpc.HeartbeatsBlockingStub stub;
  private final Duration deadline;

  public UnaryHeartbeatSender(HeartbeatsGrpc.HeartbeatsBlockingStub stub, Duration deadline) {
    this.stub = requireNonNull(stub);
    this.deadline = requireNonNull(deadline);
  }

  @Override
  public void send(HeartbeatRequest heartbeat) {
    try {
      HeartbeatResponse answer = stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .heartbeat(heartbeat);
      if (!answer.getAccepted() || !answer.getNote().isEmpty()) {
        log.log(System.Logger.Level.INFO, "EPUM answered the heartbeat for node {0}: accepted={1} {2}",
            heartbeat.getNodeId(), answer.getAccepted(), answer.getNote());
      }
    } catch (StatusRuntimeException e) {
      log.log(System.Logger.Level.WARNING, "heartbeat for node {0} not delivered: {1}", heartbeat.getNodeId(),
          e.getStatus());
    }
  }

  @Override
  public void close() {}
}
