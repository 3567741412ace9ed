package org.epum.server.grpc;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.epum.core.store.EpumStore;
import org.epum.server.auth.AuthInterceptor;
import org.epum.server.config.ConfigException;
import org.epum.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import static java.util.Objects.requireNonNull;

/**
 * The gRPC server: the EPUM services behind the metrics and auth interceptors, plus the health
 * service (SERVING only while the store is available) and reflection, so grpcurl works. Owns its
 * executors. Stops gracefully: new calls are refused, in-flight ones get server.shutdown_grace.
 */
@Singleton
public final class GrpcServerService extends AbstractIdleService {
  private static final Logger log = LoggerFactory.getLogger(GrpcServerService.class);

  private final ServerConfig config;
  private final EpumStore store;
  private final List<BindableService> services;
  private final RequestMetricsInterceptor metrics;
  private final AuthInterceptor auth;
  private final HealthStatusManager health = new HealthStatusManager();
  private ThreadPoolExecutor executor;
  private ScheduledExecutorService healthChecker;
  private volatile Server server;

  @Inject
  public GrpcServerService(ServerConfig config, EpumStore store, EpuManagementGrpcService management,
      HeartbeatsGrpcService heartbeats, InstanceStatesGrpcService instanceStates, EpumAdminGrpcService admin,
      RequestMetricsInterceptor metrics, AuthInterceptor auth, Set<BindableService> extra) {
    this.config = requireNonNull(config);
    this.store = requireNonNull(store);
    var all = new ArrayList<BindableService>(List.of(management, heartbeats, instanceStates, admin));
    all.addAll(extra);
    this.services = List.copyOf(all);
    this.metrics = requireNonNull(metrics);
    this.auth = requireNonNull(auth);
  }

  /** The bound port (useful when server.listen asks for port 0). */
  public int port() {
    return server.getPort();
  }

  /** The bound port, or 0 while the server is not listening yet. */
  public int boundPort() {
    Server s = server;
    return s == null ? 0 : s.getPort();
  }

  @Override
  protected void startUp() throws IOException {
    executor = new ThreadPoolExecutor(config.threads(), config.threads(), 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(10_000), new ThreadFactoryBuilder().setNameFormat("epum-grpc-%d").build());
    executor.allowCoreThreadTimeOut(true);
    var builder = NettyServerBuilder.forAddress(new InetSocketAddress(config.listen().host(), config.listen().port()))
        .executor(executor)
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance());
    for (BindableService s : services) {
      // Interceptors run last-added first: metrics sees every call, including refused ones.
      builder.addService(ServerInterceptors.intercept(s, auth, metrics));
    }
    try {
      server = builder.build().start();
    } catch (IOException e) {
      executor.shutdownNow();
      throw new ConfigException("cannot listen on " + config.listen() + " (" + e.getMessage()
          + "); is another EPUM running? Change server.listen (EPUM_LISTEN)", e);
    }
    healthChecker = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("epum-health-%d").setDaemon(true).build());
    healthChecker.scheduleWithFixedDelay(this::updateHealth, 0, 1, TimeUnit.SECONDS);
    log.info("EPUM API listening on {}:{}", config.listen().host(), server.getPort());
  }

  @Override
  protected void shutDown() throws InterruptedException {
    health.enterTerminalState();
    healthChecker.shutdownNow();
    server.shutdown();
    if (!server.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
      log.warn("calls still running after {}; cancelling them", config.shutdownGrace());
      server.shutdownNow();
      server.awaitTermination(5, TimeUnit.SECONDS);
    }
    executor.shutdown();
    if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
      executor.shutdownNow();
    }
  }

  private void updateHealth() {
    health.setStatus("", store.isAvailable() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
  }
}
