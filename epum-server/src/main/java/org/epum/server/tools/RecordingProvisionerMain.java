package org.epum.server.tools;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
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
import org.epum.server.config.HostPort;

/**
 * A Provisioner that launches nothing: it accepts every call and prints one line per call on
 * stdout. For trying the decider (external-decide mode, `epumctl admin decide`) without a cloud;
 * instances stay REQUESTED until someone reports their state.
 *
 * <p>Usage: {@code scripts/recording-provisioner [HOST:PORT]} (default 127.0.0.1:7652, the
 * address to put in the server's {@code provisioner.endpoint}, which replaces the embedded provisioner).
 */
public final class RecordingProvisionerMain extends ProvisionerGrpc.ProvisionerImplBase {
  private final PrintStream out;
  private final Clock clock;

  RecordingProvisionerMain(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    HostPort listen = HostPort.parse(args.length > 0 ? args[0] : "127.0.0.1:7652");
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(listen.host(), listen.port()))
        .addService(new RecordingProvisionerMain(System.out, Clock.systemUTC())).build().start();
    System.out.println("recording provisioner listening on " + listen + " (Ctrl-C to stop)");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.shutdown().awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    server.awaitTermination();
  }

  @Override
  public void provision(ProvisionRequest req, StreamObserver<ProvisionResponse> reply) {
    print("Provision instance=%s launch=%s owner=%s dt=%s site=%s allocation=%s epoch=%d vars=%s",
        req.getInstanceId(), req.getLaunchId(), req.getOwner(), req.getDeployableType(), req.getSite(),
        req.getAllocation(), req.getEpoch(), req.getVars().getFieldsMap().keySet());
    reply.onNext(ProvisionResponse.newBuilder().setState(InstanceState.INSTANCE_STATE_REQUESTED).build());
    reply.onCompleted();
  }

  @Override
  public void terminateNodes(TerminateNodesRequest req, StreamObserver<TerminateNodesResponse> reply) {
    print("TerminateNodes instances=%s owner=%s epoch=%d", req.getInstanceIdsList(), req.getOwner(), req.getEpoch());
    reply.onNext(TerminateNodesResponse.newBuilder().addAllAcceptedIds(req.getInstanceIdsList()).build());
    reply.onCompleted();
  }

  @Override
  public void dumpState(DumpStateRequest req, StreamObserver<DumpStateResponse> reply) {
    print("DumpState instances=%s", req.getInstanceIdsList());
    reply.onNext(DumpStateResponse.getDefaultInstance());
    reply.onCompleted();
  }

  @Override
  public void describeNodes(DescribeNodesRequest req, StreamObserver<DescribeNodesResponse> reply) {
    print("DescribeNodes instances=%s", req.getInstanceIdsList());
    reply.onNext(DescribeNodesResponse.getDefaultInstance());
    reply.onCompleted();
  }

  private synchronized void print(String format, Object... args) {
    out.println(clock.instant() + " " + String.format(format, args));
    out.flush();
  }
}
