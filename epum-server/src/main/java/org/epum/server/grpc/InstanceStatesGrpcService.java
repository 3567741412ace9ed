package org.epum.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import org.epum.core.error.EpumException;
import org.epum.core.reactor.InstanceStateIntake;
import org.epum.core.reactor.StateReport;
import org.epum.proto.v1.InstanceStateReport;
import org.epum.proto.v1.InstanceStatesGrpc;
import org.epum.proto.v1.ReportInstanceStateResponse;

/** InstanceStates over gRPC: the Provisioner's pushes of instance records. */
public final class InstanceStatesGrpcService extends InstanceStatesGrpc.InstanceStatesImplBase {
  private final InstanceStateIntake intake;

  @Inject
  public InstanceStatesGrpcService(InstanceStateIntake intake) {
    this.intake = requireNonNull(intake);
  }

  @Override
  public void reportInstanceState(InstanceStateReport req, StreamObserver<ReportInstanceStateResponse> out) {
    GrpcCalls.unary(out, () -> {
      if (req.getNodeId().isEmpty()) {
        throw EpumException.invalidArgument("node_id is required: the instance id EPUM gave in Provision");
      }
      var report = new StateReport(req.getNodeId(), ProtoMapper.instanceState(req.getState(), req.getStateValue()),
          req.hasUpdateCounter() ? req.getUpdateCounter() : null, req.getIaasId(), req.getPublicIp(),
          req.getPrivateIp(), req.getHostname(), req.getStateDesc(), req.getPropertiesMap());
      var outcome = intake.report(report);
      return ReportInstanceStateResponse.newBuilder().setAccepted(outcome.accepted()).setReason(outcome.reason())
          .setState(ProtoMapper.instanceState(outcome.current().state())).build();
    });
  }
}
