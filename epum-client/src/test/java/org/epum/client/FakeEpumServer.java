package org.epum.client;

import static java.util.concurrent.TimeUnit.SECONDS;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A server running {@link FakeEpuManagement} and {@link FakeEpumAdmin}, and a channel to it: by
 * default in-process under a unique name with direct executors on both ends; optionally on a real
 * local port. Close it in {@code @AfterEach}.
 */
public final class FakeEpumServer implements AutoCloseable {
  static final Context.Key<Metadata> HEADERS = Context.key("fake-headers");

  private final FakeReplies replies = new FakeReplies();
  private final FakeEpuManagement management = new FakeEpuManagement(replies);
  private final Server server;
  private final ManagedChannel channel;

  private FakeEpumServer(ServerBuilder<?> serverBuilder, String inProcessName) throws IOException {
    ServerInterceptor headers = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata md, ServerCallHandler<Q, R> next) {
        return Contexts.interceptCall(Context.current().withValue(HEADERS, md), call, md, next);
      }
    };
    this.server = serverBuilder.directExecutor()
        .addService(ServerInterceptors.intercept(management, headers))
        .addService(ServerInterceptors.intercept(new FakeEpumAdmin(replies), headers))
        .build().start();
    this.channel = inProcessName != null
        ? InProcessChannelBuilder.forName(inProcessName).directExecutor().build()
        : Grpc.newChannelBuilder("localhost:" + server.getPort(),
            InsecureChannelCredentials.create()).build();
  }

  /** An in-process fake under a unique name. */
  public static FakeEpumServer start() {
    String name = InProcessServerBuilder.generateName();
    return start(InProcessServerBuilder.forName(name), name);
  }

  /** A fake on a real plaintext socket, bound to port 0 (see {@link #port()}). */
  public static FakeEpumServer startOnLocalPort() {
    return start(Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()), null);
  }

  private static FakeEpumServer start(ServerBuilder<?> builder, String inProcessName) {
    try {
      return new FakeEpumServer(builder, inProcessName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bound port of a {@link #startOnLocalPort()} server. */
  public int port() {
    return server.getPort();
  }

  public FakeReplies replies() {
    return replies;
  }

  public FakeEpuManagement management() {
    return management;
  }

  /** A channel to the fake; owned by this object. */
  public ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
    try {
      if (!channel.awaitTermination(5, SECONDS) || !server.awaitTermination(5, SECONDS)) {
        throw new AssertionError("fake server did not terminate within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while stopping the fake server", e);
    }
  }
}
