package org.epum.client.agent;

import static java.util.Objects.requireNonNull;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.epum.proto.v1.HeartbeatsGrpc;

/**
 * A running epum-agent: the channel to EPUM, the heartbeat sender, the supervised processes, the
 * Agent service and the {@link AgentCore} that ties them together. Owns all of them, and closes
 * them in reverse order. {@code EpumAgentMain} runs one; tests run one in-process.
 */
public final class EpumAgent implements AutoCloseable {
  /** Heartbeats per stream before it is closed and EPUM's counts read. */
  static final int ROTATE_EVERY = 20;

  private final ManagedChannel channel;
  private final ScheduledExecutorService scheduler;
  private final HeartbeatSender sender;
  private final Supervisor supervisor;
  private final AgentCore core;
  private final Server server;
  private final String address;

  private EpumAgent(ManagedChannel channel, ScheduledExecutorService scheduler, HeartbeatSender sender,
      Supervisor supervisor, AgentCore core, Server server, String address) {
    this.channel = channel;
    this.scheduler = scheduler;
    this.sender = sender;
    this.supervisor = supervisor;
    this.core = core;
    this.server = server;
    this.address = address;
  }

  /** Starts an agent: Agent service first (so the first heartbeat carries its address), then supervision and heartbeats. */
  public static EpumAgent start(AgentSettings s, Clock clock) {
    requireNonNull(s);
    ManagedChannel channel = NettyChannelBuilder.forTarget(s.heartbeatDest()).usePlaintext().build();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "epum-agent-heartbeat-0");
      t.setDaemon(true);
      return t;
    });
    HeartbeatSender sender = sender(s, channel);
    AgentCore[] coreRef = new AgentCore[1];
    Supervisor supervisor = new Supervisor(s.supervise(), clock, () -> coreRef[0].beatNow());
    MetricsReader metrics = new MetricsReader(s.metricsCommand(), s.interval().compareTo(Duration.ofSeconds(10)) < 0
        ? Duration.ofSeconds(10) : s.interval(), MetricsReader.systemLoad());
    AgentCore core = new AgentCore(s.nodeId(), s.interval(), sender, supervisor::failures, metrics, clock, scheduler);
    coreRef[0] = core;
    Server server;
    try {
      server = NettyServerBuilder.forAddress(socket(s.listen())).directExecutor()
          .addService(new AgentService(core)).build().start();
    } catch (IOException e) {
      sender.close();
      scheduler.shutdownNow();
      channel.shutdownNow();
      throw new UncheckedIOException("cannot listen on " + s.listen() + " for the Agent service: " + e.getMessage(), e);
    }
    String address = s.advertise() != null && !s.advertise().isBlank() ? s.advertise()
        : advertised(s.listen(), server.getPort());
    core.advertise(address);
    supervisor.start();
    core.start();
    return new EpumAgent(channel, scheduler, sender, supervisor, core, server, address);
  }

  public AgentCore core() {
    return core;
  }

  /** The address advertised in heartbeats. */
  public String address() {
    return address;
  }

  @Override
  public void close() {
    server.shutdownNow();
    core.close();
    supervisor.close();
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
      sender.close();
      channel.shutdown();
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.shutdownNow();
    }
  }

  private static HeartbeatSender sender(AgentSettings s, ManagedChannel channel) {
    Metadata headers = new Metadata();
    if (s.token() != null && !s.token().isBlank()) {
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + s.token().strip());
    }
    var auth = MetadataUtils.newAttachHeadersInterceptor(headers);
    return switch (s.transport()) {
      case UNARY -> new UnaryHeartbeatSender(HeartbeatsGrpc.newBlockingStub(channel).withInterceptors(auth),
          s.callTimeout());
      case STREAM -> new StreamingHeartbeatSender(HeartbeatsGrpc.newStub(channel).withInterceptors(auth),
          ROTATE_EVERY, s.interval().multipliedBy(ROTATE_EVERY + 2).plus(s.callTimeout()));
    };
  }

  static InetSocketAddress socket(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException("expected host:port, got '" + hostPort + "'");
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad port in '" + hostPort + "'", e);
    }
  }

  /** The listen host with the bound port; a wildcard host becomes this machine's address. */
  static String advertised(String listen, int port) {
    InetSocketAddress a = socket(listen);
    String host = a.getHostString();
    if (a.getAddress() != null && a.getAddress().isAnyLocalAddress()) {
      try {
        host = InetAddress.getLocalHost().getHostAddress();
      } catch (IOException e) {
        host = "127.0.0.1";
      }
    }
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
