package org.epum.server.testing;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.epum.proto.v1.AgentDumpStateRequest;
import org.epum.proto.v1.AgentDumpStateResponse;
import org.epum.proto.v1.AgentGrpc;

/**
 * A real Agent endpoint on loopback recording DumpState probes (scenario harness H5). With a
 * responder it answers each probe by running it (e.g. sending an OK heartbeat); silent otherwise.
 * Calls run on the default executor, not the shared Netty event loop: a responder that makes a
 * blocking gRPC call from an event-loop thread would wait on itself.
 */
public final class FakeAgent implements AutoCloseable {
  public final List<String> probes = new CopyOnWriteArrayList<>();
  public final LinkedBlockingQueue<String> probeQueue = new LinkedBlockingQueue<>();
  private final Server server;

  public FakeAgent(Consumer<String> responder) throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new AgentGrpc.AgentImplBase() {
          @Override
          public void dumpState(AgentDumpStateRequest req, StreamObserver<AgentDumpStateResponse> out) {
            probes.add(req.getNodeId());
            if (responder != null) {
              responder.accept(req.getNodeId());
            }
            out.onNext(AgentDumpStateResponse.newBuilder().setNodeId(req.getNodeId()).build());
            out.onCompleted();
            probeQueue.add(req.getNodeId());
          }
        }).build().start();
  }

  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Waits for the next probe (the doctor sends them in the background). */
  public String awaitProbe() throws InterruptedException {
    String id = probeQueue.poll(30, TimeUnit.SECONDS);
    if (id == null) {
      throw new AssertionError("no probe reached the agent within 30 s");
    }
    return id;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
