package org.epum.client;

import static java.util.concurrent.TimeUnit.SECONDS;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An in-process server running {@link FakeEpuManagement} and {@link FakeEpumAdmin} under a unique
 * name, with direct executors on both ends, and a channel to it. Close it in {@code @AfterEach}.
 */
public final class FakeEpumServer implements AutoCloseable {
  static final Context.Key<Metadata> HEADERS = Context.key("fake-headers");

  private final FakeReplies replies = new FakeReplies();
  private final FakeEpuManagement management = new FakeEpuManagement(replies);
  private final Server server;
  private final ManagedChannel channel;

  private FakeEpumServer(String name) throws IOException {
    ServerInterceptor headers = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata md, ServerCallHandler<Q, R> next) {
        return Contexts.interceptCall(Context.current().withValue(HEADERS, md), call, md, next);
      }
    };
    this.server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(ServerInterceptors.intercept(management, headers))
        .addService(ServerInterceptors.intercept(new FakeEpumAdmin(replies), headers))
        .build().start();
    this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  public static FakeEpumServer start() {
    try {
      return new FakeEpumServer(InProcessServerBuilder.generateName());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
