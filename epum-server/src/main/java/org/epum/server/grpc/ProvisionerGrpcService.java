package org.epum.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import org.epum.proto.v1.DescribeNodesRequest;
import org.epum.proto.v1.DescribeNodesResponse;
import org.epum.proto.v1.DumpStateRequest;
import org.epum.proto.v1.DumpStateResponse;
import org.epum.proto.v1.ProvisionRequest;
import org.epum.proto.v1.ProvisionResponse;
import org.epum.proto.v1.ProvisionerGrpc;
import org.epum.proto.v1.TerminateNodesRequest;
import org.epum.proto.v1.TerminateNodesResponse;
import org.epum.server.cloud.EmbeddedProvisioner;

/** The embedded Provisioner over gRPC (served to the decider in-process, and on the API port). */
public final class ProvisionerGrpcService extends ProvisionerGrpc.ProvisionerImplBase {
  private final EmbeddedProvisioner provisioner;

  @Inject
  public ProvisionerGrpcService(EmbeddedProvisioner provisioner) {
    this.provisioner = requireNonNull(provisioner);
  }

  @Override
  public void provision(ProvisionRequest req, StreamObserver<ProvisionResponse> out) {
    GrpcCalls.unary(out, () -> {
      var node = provisioner.provision(req);
      return ProvisionResponse.newBuilder().setState(node.getState()).setMessage(node.getStateDesc()).build();
    });
  }

  @Override
  public void terminateNodes(TerminateNodesRequest req, StreamObserver<TerminateNodesResponse> out) {
    GrpcCalls.unary(out, () -> TerminateNodesResponse.newBuilder()
        .addAllAcceptedIds(provisioner.terminate(req.getInstanceIdsList(), req.getOwner(), req.getEpoch())).build());
  }

  @Override
  public void dumpState(DumpStateRequest req, StreamObserver<DumpStateResponse> out) {
    GrpcCalls.unary(out, () -> {
      provisioner.dumpState(req.getInstanceIdsList());
      return DumpStateResponse.getDefaultInstance();
    });
  }

  @Override
  public void describeNodes(DescribeNodesRequest req, StreamObserver<DescribeNodesResponse> out) {
    GrpcCalls.unary(out, () -> DescribeNodesResponse.newBuilder()
        .addAllNodes(provisioner.describe(req.getInstanceIdsList(), req.getOwner())).build());
  }
}
