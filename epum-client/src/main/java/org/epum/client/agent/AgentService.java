package org.epum.client.agent;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.epum.proto.v1.AgentDumpStateRequest;
import org.epum.proto.v1.AgentDumpStateResponse;
import org.epum.proto.v1.AgentGrpc;

/**
 * The agent's gRPC Agent service: DumpState (the doctor's probe) queues a heartbeat now and
 * answers at once. A probe naming another node is answered NOT_FOUND (the prober has a stale
 * address). Never blocks, so it may run on a transport thread.
 */
public final class AgentService extends AgentGrpc.AgentImplBase {
  private final AgentCore core;

  public AgentService(AgentCore core) {
    this.core = requireNonNull(core);
  }

  @Override
  public void dumpState(AgentDumpStateRequest req, StreamObserver<AgentDumpStateResponse> out) {
    if (!req.getNodeId().isEmpty() && !req.getNodeId().equals(core.nodeId())) {
      out.onError(Status.NOT_FOUND.withDescription("this agent serves node " + core.nodeId() + ", not "
          + req.getNodeId()).asRuntimeException());
      return;
    }
    core.beatNow();
    out.onNext(AgentDumpStateResponse.newBuilder().setNodeId(core.nodeId()).build());
    out.onCompleted();
  }
}
