package org.epum.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.util.List;
import org.epum.core.error.EpumException;
import org.epum.proto.v1.FailSiteRequest;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.KillInstanceRequest;
import org.epum.proto.v1.NodeRecord;
import org.epum.proto.v1.ReportProcessErrorRequest;
import org.epum.proto.v1.SilenceAgentRequest;
import org.epum.proto.v1.SimFaultResponse;
import org.epum.proto.v1.SimGrpc;
import org.epum.server.cloud.EmbeddedProvisioner;
import org.epum.server.cloud.sim.SimDriver;

/** Fault injection into the sim driver over gRPC (sim.proto). */
public final class SimGrpcService extends SimGrpc.SimImplBase {
  private final SimDriver sim;
  private final EmbeddedProvisioner provisioner;

  @Inject
  public SimGrpcService(SimDriver sim, EmbeddedProvisioner provisioner) {
    this.sim = requireNonNull(sim);
    this.provisioner = requireNonNull(provisioner);
  }

  @Override
  public void killInstance(KillInstanceRequest req, StreamObserver<SimFaultResponse> out) {
    GrpcCalls.unary(out, () -> {
      NodeRecord node = node(req.getInstanceId());
      if (!sim.kill(node.getInstanceId())) {
        throw EpumException.wrongState("instance " + node.getInstanceId() + " is already " + node.getState()
            + "; only a live instance can be killed");
      }
      return reply("killed " + node.getInstanceId(), node(node.getInstanceId()).getState());
    });
  }

  @Override
  public void failSite(FailSiteRequest req, StreamObserver<SimFaultResponse> out) {
    GrpcCalls.unary(out, () -> {
      sim.failSite(req.getSite(), req.getFailing());
      return SimFaultResponse.newBuilder().setMessage("site " + req.getSite()
          + (req.getFailing() ? " now fails every launch" : " launches normally again")).build();
    });
  }

  @Override
  public void silenceAgent(SilenceAgentRequest req, StreamObserver<SimFaultResponse> out) {
    GrpcCalls.unary(out, () -> {
      NodeRecord node = node(req.getInstanceId());
      sim.agents().silence(node.getInstanceId(), req.getSilent());
      return reply("agent of " + node.getInstanceId() + (req.getSilent() ? " is silent" : " heartbeats again"),
          node.getState());
    });
  }

  @Override
  public void reportProcessError(ReportProcessErrorRequest req, StreamObserver<SimFaultResponse> out) {
    GrpcCalls.unary(out, () -> {
      NodeRecord node = node(req.getInstanceId());
      String message = req.getMessage().isEmpty() ? "sim-worker exited with status 1 (sim fault)" : req.getMessage();
      sim.agents().processError(node.getInstanceId(), req.getClear() ? null : message);
      return reply("agent of " + node.getInstanceId() + (req.getClear() ? " reports OK" : " reports PROCESS_ERROR"),
          node.getState());
    });
  }

  @Override
  public void setLoad(org.epum.proto.v1.SetLoadRequest req, StreamObserver<SimFaultResponse> out) {
    GrpcCalls.unary(out, () -> {
      if (!req.getClear() && !Double.isFinite(req.getLoad())) {
        throw EpumException.invalidArgument("load must be a finite number");
      }
      sim.agents().overrideLoad(req.getClear() ? null : req.getLoad());
      return SimFaultResponse.newBuilder().setMessage(req.getClear() ? "agents follow the load curve again"
          : "every agent reports load " + req.getLoad()).build();
    });
  }

  private NodeRecord node(String id) {
    if (id.isEmpty()) {
      throw EpumException.invalidArgument("instance_id is required");
    }
    List<NodeRecord> found = provisioner.describe(List.of(id), "");
    if (found.isEmpty()) {
      throw EpumException.notFound("the embedded provisioner has no instance " + id);
    }
    return found.get(0);
  }

  private static SimFaultResponse reply(String message, InstanceState state) {
    return SimFaultResponse.newBuilder().setMessage(message).setState(state).build();
  }
}
