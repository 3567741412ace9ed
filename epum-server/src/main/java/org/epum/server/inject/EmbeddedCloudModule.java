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
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;
import org.epum.core.provisioner.Provisioner;
import org.epum.server.cloud.CloudDriver;
import org.epum.server.cloud.CloudService;
import org.epum.server.cloud.EmbeddedProvisioner;
import org.epum.server.cloud.IntakeStateSink;
import org.epum.server.cloud.MemoryNodeStore;
import org.epum.server.cloud.NodeStore;
import org.epum.server.cloud.StatePusher;
import org.epum.server.cloud.ZooKeeperNodeStore;
import org.epum.server.config.ProvisionerConfig;
import org.epum.server.config.ServerConfig;
import org.epum.server.config.ZooKeeperConfig;
import org.epum.server.grpc.GrpcServerService;
import org.epum.server.grpc.ProvisionerGrpcService;
import org.epum.server.provisioner.GrpcProvisioner;

/**
 * The embedded Provisioner (DESIGN §8). Public bindings: the {@link Provisioner} the decider calls
 * (gRPC over an in-process channel, the {@link ManagedChannel} shut down by ChannelService),
 * {@link EmbeddedProvisioner}, the {@link CloudService} that starts and stops it (and owns the
 * {@code epum-sim-%d} scheduler the drivers run on), and the Provisioner gRPC service added to the
 * API port. Needs a {@link NodeStore} ({@link ZooKeeperNodes} or {@link MemoryNodes}) and a
 * {@link CloudDriver} ({@link SimDriverModule} or {@link LocalDriverModule}). Drivers run on the
 * system clock, never the manual one (see SimConfig).
 */
public final class EmbeddedCloudModule extends AbstractModule {
  private final String inProcessName = "epum-provisioner-" + UUID.randomUUID();

  @Override
  protected void configure() {
    var services = Multibinder.newSetBinder(binder(), BindableService.class);
    services.addBinding().to(ProvisionerGrpcService.class);
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

  /**
   * The heartbeat_dest an agent on this host should use: the launch var as it is, except that
   * this server's own address with port 0 becomes the port it bound (null until it has bound).
   */
  static UnaryOperator<String> agentDests(ServerConfig server, Provider<GrpcServerService> api) {
    String ownDest = server.effectiveHeartbeatDest();
    boolean portZero = server.listen().port() == 0;
    return dest -> !(portZero && dest.equals(ownDest)) ? dest
        : api.get().boundPort() == 0 ? null : server.listen().host() + ":" + api.get().boundPort();
  }

  @Provides
  @Singleton
  EmbeddedProvisioner provisioner(NodeStore store, CloudDriver driver, IntakeStateSink sink,
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
