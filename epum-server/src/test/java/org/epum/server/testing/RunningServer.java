package org.epum.server.testing;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.epum.core.store.EpumStore;
import org.epum.proto.v1.EpuManagementGrpc;
import org.epum.proto.v1.EpumAdminGrpc;
import org.epum.proto.v1.HeartbeatsGrpc;
import org.epum.proto.v1.InstanceStatesGrpc;
import org.epum.server.EpumServer;
import org.epum.server.config.EpumConfig;

/**
 * A started EPUM replica built with the production wiring, plus real loopback gRPC stubs to it.
 * Close it in {@code @AfterEach}.
 */
public final class RunningServer implements AutoCloseable {
  static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> ACT_AS = Metadata.Key.of("epum-act-as", Metadata.ASCII_STRING_MARSHALLER);

  private final EpumServer server;
  private final List<ManagedChannel> channels = new ArrayList<>();

  private RunningServer(EpumServer server) {
    this.server = server;
  }

  public static RunningServer start(EpumConfig config) {
    EpumServer server = EpumServer.create(config);
    server.start();
    return new RunningServer(server);
  }

  public int port() {
    return server.port();
  }

  public String target() {
    return "127.0.0.1:" + port();
  }

  public EpumStore store() {
    return server.store();
  }

  public io.micrometer.core.instrument.MeterRegistry meters() {
    return server.meters();
  }

  /** A channel with no credentials. */
  public ManagedChannel channel() {
    ManagedChannel c = NettyChannelBuilder.forTarget(target()).usePlaintext().build();
    channels.add(c);
    return c;
  }

  public Stubs stubs() {
    return new Stubs(channel(), new ClientInterceptor[0]);
  }

  /** Stubs that send a bearer token and, if not null, act for another owner. */
  public Stubs stubs(String token, String actAs) {
    Metadata headers = new Metadata();
    if (token != null) {
      headers.put(AUTHORIZATION, "Bearer " + token);
    }
    if (actAs != null) {
      headers.put(ACT_AS, actAs);
    }
    return new Stubs(channel(), new ClientInterceptor[] {MetadataUtils.newAttachHeadersInterceptor(headers)});
  }

  /** Stubs acting for {@code owner} (the default caller has every role when auth is off). */
  public Stubs as(String owner) {
    return stubs(null, owner);
  }

  @Override
  public void close() throws InterruptedException {
    for (ManagedChannel c : channels) {
      c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    server.stop();
  }

  /** Blocking stubs for each EPUM service, with a deadline on every call. */
  public record Stubs(ManagedChannel channel, ClientInterceptor[] interceptors) {
    public EpuManagementGrpc.EpuManagementBlockingStub management() {
      return EpuManagementGrpc.newBlockingStub(channel).withInterceptors(interceptors)
          .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public EpumAdminGrpc.EpumAdminBlockingStub admin() {
      return EpumAdminGrpc.newBlockingStub(channel).withInterceptors(interceptors)
          .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public HeartbeatsGrpc.HeartbeatsBlockingStub heartbeats() {
      return HeartbeatsGrpc.newBlockingStub(channel).withInterceptors(interceptors)
          .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public InstanceStatesGrpc.InstanceStatesBlockingStub instanceStates() {
      return InstanceStatesGrpc.newBlockingStub(channel).withInterceptors(interceptors)
          .withDeadlineAfter(30, TimeUnit.SECONDS);
    }
  }
}
