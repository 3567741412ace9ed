package org.epum.server.tools;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.epum.server.cloud.EmbeddedProvisioner;
import org.epum.server.cloud.GrpcStateSink;
import org.epum.server.cloud.MemoryNodeStore;
import org.epum.server.cloud.NodeStore;
import org.epum.server.cloud.StatePusher;
import org.epum.server.cloud.ZooKeeperNodeStore;
import org.epum.server.cloud.sim.SimAgents;
import org.epum.server.cloud.sim.SimDriver;
import org.epum.server.config.ConfigLoader;
import org.epum.server.config.EpumConfig;
import org.epum.server.config.HostPort;
import org.epum.server.dtrs.DtrsFiles;
import org.epum.server.dtrs.DtrsRegistry;
import org.epum.server.grpc.DtrsGrpcService;
import org.epum.server.grpc.ProvisionerGrpcService;
import org.epum.server.grpc.SimGrpcService;

/**
 * {@code scripts/epum-provisioner}: the Provisioner (sim driver) as its own process, for a server
 * configured with {@code provisioner.endpoint}. Serves Provisioner, Sim and Dtrs on {@code --listen}
 * and pushes states to EPUM's InstanceStates at {@code --epum}. Its sim, dtrs and provisioner
 * settings come from {@code --config} (an epum.yaml; default conf/epum.yaml). Nodes are kept in
 * ZooKeeper when {@code --zookeeper CONNECT} is given (under provisioner.store_root, or
 * /epum-provisioner), else in memory.
 *
 * <p>Usage: {@code epum-provisioner [--listen HOST:PORT] [--epum HOST:PORT] [--config FILE]
 * [--zookeeper CONNECT]}; EPUM_TOKEN is the bearer token (role provisioner) when auth is on.
 */
public final class ProvisionerMain {
  private ProvisionerMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    String listen = "127.0.0.1:7652";
    String epum = "127.0.0.1:7650";
    Path configFile = Path.of("conf/epum.yaml");
    String zookeeper = "";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--listen" -> listen = args[i + 1];
        case "--epum" -> epum = args[i + 1];
        case "--config" -> configFile = Path.of(args[i + 1]);
        case "--zookeeper" -> zookeeper = args[i + 1];
        default -> {
          System.err.println("usage: epum-provisioner [--listen HOST:PORT] [--epum HOST:PORT] [--config FILE]"
              + " [--zookeeper CONNECT]");
          System.exit(2);
        }
      }
    }
    EpumConfig config = Files.isRegularFile(configFile) ? ConfigLoader.load(configFile, System.getenv())
        : ConfigLoader.defaults();
    Running running = start(listen, epum, config, zookeeper, System.getenv().getOrDefault("EPUM_TOKEN", ""));
    System.out.println("epum-provisioner (sim) listening on " + HostPort.parse(listen).host() + ":" + running.port()
        + ", pushing states to " + epum);
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "epum-provisioner-shutdown"));
    running.server.awaitTermination();
  }

  /** A started standalone provisioner; close it to stop. */
  public static final class Running implements AutoCloseable {
    private final Server server;
    private final Runnable stop;

    private Running(Server server, Runnable stop) {
      this.server = server;
      this.stop = stop;
    }

    public int port() {
      return server.getPort();
    }

    @Override
    public void close() {
      server.shutdownNow();
      stop.run();
    }
  }

  /** Starts a standalone provisioner listening on {@code listen} and pushing to {@code epum}. */
  public static Running start(String listen, String epum, EpumConfig config, String zookeeper, String token)
      throws IOException, InterruptedException {
    var scheduler = new ScheduledThreadPoolExecutor(2,
        new ThreadFactoryBuilder().setNameFormat("epum-sim-%d").setDaemon(true).build());
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    CuratorFramework curator = null;
    NodeStore store = new MemoryNodeStore();
    if (!zookeeper.isEmpty()) {
      curator = CuratorFrameworkFactory.newClient(zookeeper, new ExponentialBackoffRetry(100, 5, 2_000));
      curator.start();
      curator.blockUntilConnected(30, TimeUnit.SECONDS);
      String root = config.provisioner().storeRoot().isEmpty() ? "/epum-provisioner" : config.provisioner().storeRoot();
      store = new ZooKeeperNodeStore(curator, root);
    }
    var dtrs = new DtrsRegistry(config.dtrs().embedded() && Files.isDirectory(config.dtrs().dir()));
    if (dtrs.isConfigured()) {
      DtrsFiles.load(config.dtrs().dir(), dtrs);
    }
    ManagedChannel toEpum = NettyChannelBuilder.forTarget(epum).usePlaintext().build();
    var sim = config.sim();
    var agents = new SimAgents(scheduler, Clock.systemUTC(), sim.heartbeatInterval(), sim.loadMetric(),
        sim.agentToken(), dest -> dest);
    var driver = new SimDriver(sim, scheduler, sim.seed() == 0 ? new Random() : new Random(sim.seed()), agents);
    var provisioner = new EmbeddedProvisioner(store, driver, new StatePusher(new GrpcStateSink(toEpum, token,
        Duration.ofSeconds(10)), scheduler, config.provisioner().pushRetry()), dtrs::launchProblem);
    provisioner.start();
    HostPort at = HostPort.parse(listen);
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(at.host(), at.port()))
        .addService(new ProvisionerGrpcService(provisioner)).addService(new SimGrpcService(driver, provisioner))
        .addService(new DtrsGrpcService(dtrs)).build().start();
    CuratorFramework ownedCurator = curator;
    return new Running(server, () -> {
      provisioner.stop();
      scheduler.shutdownNow();
      toEpum.shutdownNow();
      if (ownedCurator != null) {
        ownedCurator.close();
      }
    });
  }
}
