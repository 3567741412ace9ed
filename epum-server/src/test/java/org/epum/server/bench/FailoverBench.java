package org.epum.server.bench;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.epum.client.EpumClientException;
import org.epum.client.GrpcEpumClient;
import org.epum.client.WriteOptions;
import org.epum.proto.v1.DumpStateRequest;
import org.epum.proto.v1.DumpStateResponse;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.ProvisionRequest;
import org.epum.proto.v1.ProvisionResponse;
import org.epum.proto.v1.ProvisionerGrpc;
import org.epum.proto.v1.TerminateNodesRequest;
import org.epum.proto.v1.TerminateNodesResponse;

/**
 * Decider failover time: three EPUM replicas as separate processes over one ZooKeeper; the
 * decider leader is stopped gracefully (SIGTERM) or killed (SIGKILL), and the time is taken until
 * the new leader's first pass, seen as its take-over DumpState reaching the Provisioner.
 * Usage: FailoverBench [runs per kind] [session timeout].
 */
public final class FailoverBench {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int FIRST_PORT = 17800;

  private FailoverBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String session = args.length > 1 ? args[1] : "6s";
    BlockingQueue<Long> dumps = new LinkedBlockingQueue<>();
    Server provisioner = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new ProvisionerGrpc.ProvisionerImplBase() {
          @Override
          public void provision(ProvisionRequest req, StreamObserver<ProvisionResponse> out) {
            out.onNext(ProvisionResponse.newBuilder().setState(InstanceState.INSTANCE_STATE_REQUESTED).build());
            out.onCompleted();
          }

          @Override
          public void terminateNodes(TerminateNodesRequest req, StreamObserver<TerminateNodesResponse> out) {
            out.onNext(TerminateNodesResponse.newBuilder().addAllAcceptedIds(req.getInstanceIdsList()).build());
            out.onCompleted();
          }

          @Override
          public void dumpState(DumpStateRequest req, StreamObserver<DumpStateResponse> out) {
            dumps.add(System.nanoTime());
            out.onNext(DumpStateResponse.getDefaultInstance());
            out.onCompleted();
          }
        }).build().start();
    // A 500 ms tick: ZooKeeper expires sessions on tick boundaries, so a crash's failover is the
    // session timeout plus up to one tick (scripts/zookeeper and the embedded one use 1 s).
    try (TestingServer zk = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 500, -1), true);
        CuratorFramework watcher = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
      watcher.start();
      List<Process> replicas = new ArrayList<>();
      // Replicas are separate processes: make sure none outlives the bench, whatever happens.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> replicas.forEach(Process::destroyForcibly)));
      int next = 0;
      for (; next < 3; next++) {
        replicas.add(startReplica(next, zk.getConnectString(), session, provisioner.getPort()));
      }
      awaitContenders(watcher, 3);
      try (var client = GrpcEpumClient.builder("127.0.0.1:" + FIRST_PORT).build()) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
          try { // the replica joins the elections before its API listens
            client.createDefinition("bench", Map.of("health", Map.of("monitor_health", false)), "", WriteOptions.NONE);
            break;
          } catch (EpumClientException e) {
            if (System.nanoTime() > deadline) {
              throw e;
            }
            Thread.sleep(100);
          }
        }
        client.addDomain("bench", "bench", Map.of("engine_conf", Map.of("preserve_n", 1)), List.of(), WriteOptions.NONE);
      }
      dumps.clear();
      List<Double> graceful = new ArrayList<>();
      List<Double> crash = new ArrayList<>();
      for (int run = 0; run < runs * 2; run++) {
        boolean kill = run % 2 == 1;
        long pid = leaderPid(watcher);
        Process leader = replicas.stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
        dumps.clear();
        long t0 = System.nanoTime();
        if (kill) {
          leader.destroyForcibly();
        } else {
          leader.destroy();
        }
        Long t1 = dumps.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (t1 == null) {
          throw new IllegalStateException("no new decider pass within " + WAIT);
        }
        double ms = (t1 - t0) / 1e6;
        (kill ? crash : graceful).add(ms);
        System.out.printf("run %d %-8s %8.1f ms%n", run / 2 + 1, kill ? "SIGKILL" : "SIGTERM", ms);
        leader.waitFor();
        replicas.remove(leader);
        replicas.add(startReplica(next++, zk.getConnectString(), session, provisioner.getPort()));
        awaitContenders(watcher, 3);
      }
      System.out.printf("%nsession timeout %s; median of %d runs each:%n", session, runs);
      System.out.printf("  graceful stop (SIGTERM) -> new leader's first pass: %8.1f ms  (all %s)%n",
          median(graceful), graceful);
      System.out.printf("  crash (SIGKILL)         -> new leader's first pass: %8.1f ms  (all %s)%n",
          median(crash), crash);
      for (Process p : replicas) {
        p.destroy();
        p.waitFor(15, TimeUnit.SECONDS);
      }
    } finally {
      provisioner.shutdownNow();
    }
  }

  private static Process startReplica(int n, String connect, String session, int provisionerPort) throws Exception {
    Path conf = Files.createTempFile("epum-failover", ".yaml");
    // Replica 0 listens on a fixed port only so the bench can add its domain through it.
    Files.writeString(conf, """
        server: {listen: "127.0.0.1:%d", replica_name: r%d}
        store: {type: zookeeper}
        zookeeper: {connect: "%s", root: /failover, session_timeout: %s, connection_timeout: 2s}
        provisioner: {endpoint: "127.0.0.1:%d", timeout: 5s}
        decider: {interval: 5s, retry_interval: 1h}
        """.formatted(n == 0 ? FIRST_PORT : 0, n, connect, session, provisionerPort));
    Path log = Files.createTempFile("epum-failover-r" + n, ".log");
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.epum.server.EpumServerMain",
        "--config", conf.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static long leaderPid(CuratorFramework zk) throws Exception {
    String path = "/failover/elections/decider";
    String first = zk.getChildren().forPath(path).stream()
        .min(Comparator.comparing(c -> c.substring(c.lastIndexOf('-') + 1))).orElseThrow();
    String id = new String(zk.getData().forPath(path + "/" + first), StandardCharsets.UTF_8);
    return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
  }

  private static void awaitContenders(CuratorFramework zk, int n) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      var stat = zk.checkExists().forPath("/failover/elections/decider");
      if (stat != null && zk.getChildren().forPath("/failover/elections/decider").size() == n) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("replicas did not all join the election within " + WAIT);
      }
      Thread.sleep(50);
    }
  }

  private static double median(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    return s.isEmpty() ? Double.NaN : s.size() % 2 == 1 ? s.get(s.size() / 2)
        : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
  }
}
