package org.epum.server;

import static java.util.Objects.requireNonNull;


import com.google.common.util.concurrent.Service;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.name.Names;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.epum.core.decider.DecisionLoop;
import org.epum.core.leader.RoleLoop;
import org.epum.core.leader.Roles;
import org.epum.core.store.EpumStore;
import org.epum.core.store.zk.ZooKeeperEpumStore;
import org.epum.server.agent.GrpcAgentProber;
import org.epum.server.auth.TokenRegistry;
import org.epum.server.config.AuthConfig;
import org.epum.server.config.EpumConfig;
import org.epum.server.config.StoreType;
import org.epum.server.grpc.GrpcServerService;
import org.epum.server.inject.ConfigModule;
import org.epum.server.inject.CoreModule;
import org.epum.server.inject.DeciderModule;
import org.epum.server.inject.HealthRolesModule;
import org.epum.server.inject.LocalMetricsModule;
import org.epum.server.inject.MemoryStoreModule;
import org.epum.server.inject.NoAuthModule;
import org.epum.server.inject.NotifyModule;
import org.epum.server.inject.SingleNodeLeaderModule;
import org.epum.server.inject.StatsdMetricsModule;
import org.epum.server.inject.TokenAuthModule;
import org.epum.server.inject.ZooKeeperLeaderModule;
import org.epum.server.inject.ZooKeeperStoreModule;
import org.epum.server.notify.DomainWatchService;
import org.epum.server.notify.NotifierService;
import org.epum.server.zk.CuratorService;
import org.epum.server.zk.EmbeddedZooKeeperService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One EPUM replica, assembled from a config: the modules main installs for it, and its services
 * in start order. {@code EpumServerMain} and the integration tests both build servers this way,
 * so the tests exercise the production wiring.
 */
public final class EpumServer {
  private static final Logger log = LoggerFactory.getLogger(EpumServer.class);
  public static final String VERSION = "0.1.0";

  private final Injector injector;
  private final OrderedServices services;

  private EpumServer(Injector injector, List<Service> services) {
    this.injector = injector;
    this.services = new OrderedServices(services);
  }

  public static EpumServer create(EpumConfig config) {
    requireNonNull(config);
    Clock system = Clock.systemUTC();
    ClockControl clock = config.mode().externalDecide() ? ClockControl.manual(system.instant())
        : ClockControl.system();
    var info = new ServerInfo(ParticipantId.of(config.server().replicaName()), VERSION,
        config.store().name().toLowerCase(Locale.ROOT), config.server().listen().toString(),
        system.instant());
    List<Module> modules = new ArrayList<>();
    modules.add(new ConfigModule(config, clock, info));
    modules.add(new CoreModule());
    modules.add(config.auth().mode() == AuthConfig.Mode.TOKEN
        ? new TokenAuthModule(TokenRegistry.load(config.auth().tokensFile())) : new NoAuthModule());
    modules.add(config.metrics().enabled() ? new StatsdMetricsModule() : new LocalMetricsModule());
    String zkConnect = config.store() == StoreType.EMBEDDED ? config.embeddedZookeeper().listen().toString()
        : config.zookeeper().connect();
    modules.add(config.store() == StoreType.MEMORY ? new MemoryStoreModule() : new ZooKeeperStoreModule(zkConnect));
    modules.add(config.store() == StoreType.MEMORY ? new SingleNodeLeaderModule()
        : new ZooKeeperLeaderModule(info.replicaId()));
    modules.add(new DeciderModule());
    modules.addAll(CloudWiring.modules(config));
    modules.add(new HealthRolesModule());
    modules.add(new NotifyModule());
    Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);

    List<Service> services = new ArrayList<>();
    EpumStore store = injector.getInstance(EpumStore.class);
    if (config.store() == StoreType.EMBEDDED) {
      services.add(new EmbeddedZooKeeperService(config.embeddedZookeeper()));
    }
    if (config.store() == StoreType.MEMORY) {
      services.add(new StoreService(store, () -> {}));
    } else {
      services.add(new CuratorService(injector.getInstance(CuratorFramework.class), zkConnect, config.zookeeper()));
      services.add(new StoreService(store, injector.getInstance(ZooKeeperEpumStore.class)::start));
    }
    services.add(injector.getInstance(Key.get(Service.class, Names.named("leadership"))));
    services.add(new ChannelService(injector.getInstance(ManagedChannel.class)));
    services.add(injector.getInstance(GrpcAgentProber.class));
    services.addAll(CloudWiring.services(config, injector));
    if (!config.mode().externalDecide()) {
      services.add(injector.getInstance(DecisionLoop.class));
      services.add(injector.getInstance(Key.get(RoleLoop.class, Names.named(Roles.DOCTOR))));
      services.add(injector.getInstance(Key.get(RoleLoop.class, Names.named(Roles.REAPER))));
    }
    services.add(injector.getInstance(NotifierService.class));
    services.add(injector.getInstance(GrpcServerService.class));
    services.add(injector.getInstance(DomainWatchService.class));
    return new EpumServer(injector, services);
  }

  /** Starts every part in order; on failure stops what started and throws. */
  public void start() {
    services.start();
  }

  /** Stops every part in reverse order; in-flight calls get server.shutdown_grace. */
  public void stop() {
    handOverRoles();
    services.stop();
    injector.getInstance(MeterRegistry.class).close();
  }

  /**
   * Leaves the elections before anything else stops, so another replica takes the roles while
   * this one drains its calls (a graceful stop then fails over in well under a second). Safe
   * mid-pass: a pass that goes on is refused by the fence the new leader bumps.
   */
  private void handOverRoles() {
    try {
      injector.getInstance(Key.get(Service.class, Names.named("leadership"))).stopAsync()
          .awaitTerminated(5, TimeUnit.SECONDS);
    } catch (TimeoutException | IllegalStateException e) {
      log.warn("leaving the elections failed: {}", e.toString());
    }
  }

  /** The API's bound port. */
  public int port() {
    return injector.getInstance(GrpcServerService.class).port();
  }

  /** The meters, for tests that check what was measured. */
  public MeterRegistry meters() {
    return injector.getInstance(MeterRegistry.class);
  }

  /** One of this replica's wired components (for tests and tools that drive a replica in-process). */
  public <T> T component(Class<T> type) {
    return injector.getInstance(type);
  }

  /** The store, for tests that seed records the API cannot create yet. */
  public EpumStore store() {
    return injector.getInstance(EpumStore.class);
  }
}
