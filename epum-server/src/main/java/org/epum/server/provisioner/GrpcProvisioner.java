package org.epum.server.provisioner;

import static java.util.Objects.requireNonNull;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.epum.core.provisioner.ProvisionCall;
import org.epum.core.provisioner.Provisioner;
import org.epum.core.provisioner.ProvisionerException;
import org.epum.proto.v1.DumpStateRequest;
import org.epum.proto.v1.ProvisionRequest;
import org.epum.proto.v1.ProvisionerGrpc;
import org.epum.proto.v1.TerminateNodesRequest;
import org.epum.server.grpc.Structs;

/**
 * The Provisioner over gRPC. Every call has a deadline; transient failures are retried by the
 * channel's retry policy (see {@link ProvisionerChannels}), and what still fails becomes a
 * {@link ProvisionerException} the decider retries on a later pass.
 */
public final class GrpcProvisioner implements Provisioner {
  private final ManagedChannel channel;
  private final Duration timeout;

  public GrpcProvisioner(ManagedChannel channel, Duration timeout) {
    this.channel = requireNonNull(channel);
    this.timeout = requireNonNull(timeout);
  }

  @Override
  public void provision(ProvisionCall call) {
    var request = ProvisionRequest.newBuilder().setLaunchId(call.launchId()).setInstanceId(call.instanceId())
        .setDeployableType(call.deployableType()).setSite(call.site()).setAllocation(call.allocation())
        .setVars(Structs.toStruct(call.vars())).setOwner(call.owner()).setEpoch(call.epoch()).build();
    run("provision " + call.instanceId(), () -> stub().provision(request));
  }

  @Override
  public void terminate(List<String> instanceIds, String owner, long epoch) {
    terminateKnown(instanceIds, owner, epoch);
  }

  @Override
  public List<String> terminateKnown(List<String> instanceIds, String owner, long epoch) {
    var request = TerminateNodesRequest.newBuilder().addAllInstanceIds(instanceIds).setOwner(owner).setEpoch(epoch)
        .build();
    var accepted = new ArrayList<String>();
    run("terminate " + instanceIds, () -> accepted.addAll(stub().terminateNodes(request).getAcceptedIdsList()));
    return accepted;
  }

  @Override
  public void dumpState(List<String> instanceIds) {
    run("dump_state", () -> stub().dumpState(DumpStateRequest.newBuilder().addAllInstanceIds(instanceIds).build()));
  }

  private ProvisionerGrpc.ProvisionerBlockingStub stub() {
    return ProvisionerGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void run(String what, Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      throw new ProvisionerException(what + " failed: " + e.getStatus().getCode() + " "
          + (e.getStatus().getDescription() == null ? "" : e.getStatus().getDescription()), e);
    }
  }
}
