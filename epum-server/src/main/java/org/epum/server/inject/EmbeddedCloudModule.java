package org.epum.server.inject;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.curator.framework.CuratorFramework;
import org.epum.core.provisioner.Provisioner;
import org.epum.server.cloud.CloudService;
import org.epum.server.cloud.EmbeddedProvisioner;
import org.epum.server.cloud.IntakeStateSink;
import org.epum.server.cloud.MemoryNodeStore;
import org.epum.server.cloud.NodeStore;
import org.epum.server.cloud.StatePusher;
import org.epum.server.cloud.ZooKeeperNodeStore;
import org.epum.server.cloud.sim.SimAgents;
import org.epum.server.cloud.sim.SimDriver;
import org.epum.server.config.ProvisionerConfig;
import org.epum.server.config.ServerConfig;
import org.epum.server.config.SimConfig;
import org.epum.server.config.ZooKeeperConfig;
import org.epum.server.grpc.GrpcServerService;
import org.epum.server.grpc.ProvisionerGrpcService;
import org.epum.server.provisioner.GrpcProvisioner;

/**
 * The embedded Provisioner with the sim driver (DESIGN §8). Public bindings: the {@link Provisioner}
 * the decider calls (gRPC over an in-process channel, the {@link ManagedChannel} shut down by
 * ChannelService), {@link EmbeddedProvisioner}, {@link SimDriver}, the {@link CloudService} that
 * starts and stops them (and owns the {@code epum-sim-%d} scheduler), and the Provisioner and Sim
 * (fault injection) gRPC services added to the API port. Needs a {@link NodeStore}: install {@link ZooKeeperNodes} or
 * {@link MemoryNodes}. The sim runs on the system clock, never the manual one (see SimConfig).
 */
public final class EmbeddedCloudModule extends AbstractModule {
  private final String inProcessName = "epum-provisioner-" + UUID.randomUUID();

  @Override
  protected void configure() {
    var services = Multibinder.newSetBinder(binder(), BindableService.class);
    services.addBinding().to(ProvisionerGrpcService.class);
    services.addBinding().to(org.epum.server.grpc.SimGrpcService.class);
  }

  @Provides
  @Singleton
  ScheduledExecutorService simScheduler() {
    var executor = new ScheduledThreadPoolExecutor(2,
        new ThreadFactoryBuilder().setNameFormat("epum-sim-%d").setDaemon(true).build());
    // On stop, pending boot steps and pushes are dropped; they resume from the stored nodes on the next start.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  @Provides
  @Singleton
  SimDriver sim(SimConfig config, ScheduledExecutorService scheduler, ServerConfig server,
      Provider<GrpcServerService> api) {
    String ownDest = server.effectiveHeartbeatDest();
    boolean portZero = server.listen().port() == 0;
    var agents = new SimAgents(scheduler, Clock.systemUTC(), config.heartbeatInterval(), config.loadMetric(),
        config.agentToken(), dest -> !(portZero && dest.equals(ownDest)) ? dest
            : api.get().boundPort() == 0 ? null : server.listen().host() + ":" + api.get().boundPort());
    return new SimDriver(config, scheduler, config.seed() == 0 ? new Random() : new Random(config.seed()), agents);
  }

  @Provides
  @Singleton
  EmbeddedProvisioner provisioner(NodeStore store, SimDriver driver, IntakeStateSink sink,
      ScheduledExecutorService scheduler, ProvisionerConfig config, org.epum.server.dtrs.DtrsRegistry dtrs) {
    return new EmbeddedProvisioner(store, driver, new StatePusher(sink, scheduler, config.pushRetry()),
        dtrs::launchProblem);
  }

  @Provides
  @Singleton
  CloudService cloud(EmbeddedProvisioner provisioner, ProvisionerGrpcService service,
      ScheduledExecutorService scheduler) {
    return new CloudService(provisioner, service, inProcessName, scheduler);
  }

  @Provides
  @Singleton
  ManagedChannel provisionerChannel() {
    return InProcessChannelBuilder.forName(inProcessName).directExecutor().build();
  }

  @Provides
  @Singleton
  Provisioner decidersProvisioner(ManagedChannel channel, ProvisionerConfig config) {
    return new GrpcProvisioner(channel, config.timeout());
  }

  /** Public binding: a {@link NodeStore} in ZooKeeper under provisioner.store_root. */
  public static final class ZooKeeperNodes extends AbstractModule {
    @Provides
    @Singleton
    NodeStore nodes(CuratorFramework curator, ProvisionerConfig config, ZooKeeperConfig zk) {
      return new ZooKeeperNodeStore(curator, config.storeRoot().isEmpty() ? zk.root() + "-provisioner"
          : config.storeRoot());
    }
  }

  /** Public binding: a {@link NodeStore} in memory (store.type memory). */
  public static final class MemoryNodes extends AbstractModule {
    @Provides
    @Singleton
    NodeStore nodes() {
      return new MemoryNodeStore();
    }
  }
}
