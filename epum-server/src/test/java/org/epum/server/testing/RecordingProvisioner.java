package org.epum.server.testing;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.epum.proto.v1.DescribeNodesRequest;
import org.epum.proto.v1.DescribeNodesResponse;
import org.epum.proto.v1.DumpStateRequest;
import org.epum.proto.v1.DumpStateResponse;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.ProvisionRequest;
import org.epum.proto.v1.ProvisionResponse;
import org.epum.proto.v1.ProvisionerGrpc;
import org.epum.proto.v1.TerminateNodesRequest;
import org.epum.proto.v1.TerminateNodesResponse;

/**
 * A real Provisioner gRPC endpoint on loopback that records every call (scenario harness H2) and
 * answers OK, or UNAVAILABLE while {@link #failCalls} is set.
 */
public final class RecordingProvisioner implements AutoCloseable {
  public final List<ProvisionRequest> provisions = new CopyOnWriteArrayList<>();
  public final List<TerminateNodesRequest> terminations = new CopyOnWriteArrayList<>();
  public final List<DumpStateRequest> dumps = new CopyOnWriteArrayList<>();
  public final AtomicBoolean failCalls = new AtomicBoolean();
  /**
   * When set, TerminateNodes accepts only ids this provisioner was asked to provision (a real
   * provisioner ignores unknown ids); otherwise it accepts every id.
   */
  public final AtomicBoolean acceptOnlyKnown = new AtomicBoolean();
  private final Server server;

  public RecordingProvisioner() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
        .addService(new Service()).build().start();
  }

  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  public int provisionCount() {
    return provisions.size();
  }

  /** Total node ids across terminate calls. */
  public int terminatedCount() {
    return terminations.stream().mapToInt(TerminateNodesRequest::getInstanceIdsCount).sum();
  }

  public List<String> terminatedIds() {
    List<String> ids = new ArrayList<>();
    terminations.forEach(t -> ids.addAll(t.getInstanceIdsList()));
    return ids;
  }

  public List<String> provisionedIds() {
    return provisions.stream().map(ProvisionRequest::getInstanceId).toList();
  }

  public void clear() {
    provisions.clear();
    terminations.clear();
    dumps.clear();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Service extends ProvisionerGrpc.ProvisionerImplBase {
    @Override
    public void provision(ProvisionRequest req, StreamObserver<ProvisionResponse> out) {
      if (failCalls.get()) {
        out.onError(Status.UNAVAILABLE.withDescription("provisioner down (test)").asRuntimeException());
        return;
      }
      provisions.add(req);
      out.onNext(ProvisionResponse.newBuilder().setState(InstanceState.INSTANCE_STATE_REQUESTED).build());
      out.onCompleted();
    }

    @Override
    public void terminateNodes(TerminateNodesRequest req, StreamObserver<TerminateNodesResponse> out) {
      if (failCalls.get()) {
        out.onError(Status.UNAVAILABLE.withDescription("provisioner down (test)").asRuntimeException());
        return;
      }
      terminations.add(req);
      var known = provisionedIds();
      out.onNext(TerminateNodesResponse.newBuilder().addAllAcceptedIds(req.getInstanceIdsList().stream()
          .filter(id -> !acceptOnlyKnown.get() || known.contains(id)).toList()).build());
      out.onCompleted();
    }

    @Override
    public void dumpState(DumpStateRequest req, StreamObserver<DumpStateResponse> out) {
      dumps.add(req);
      out.onNext(DumpStateResponse.getDefaultInstance());
      out.onCompleted();
    }

    @Override
    public void describeNodes(DescribeNodesRequest req, StreamObserver<DescribeNodesResponse> out) {
      out.onNext(DescribeNodesResponse.getDefaultInstance());
      out.onCompleted();
    }
  }
}
