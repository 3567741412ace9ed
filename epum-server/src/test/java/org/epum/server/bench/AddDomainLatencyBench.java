package org.epum.server.bench;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.epum.client.GrpcEpumClient;
import org.epum.client.WriteOptions;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.ProvisionRequest;
import org.epum.proto.v1.ProvisionResponse;
import org.epum.proto.v1.ProvisionerGrpc;
import org.epum.server.EpumServer;
import org.epum.server.config.ConfigLoader;

/**
 * Time from AddDomain (preserve_n 1) returning to the Provisioner receiving Provision for the new
 * instance, with the timed decider loop running (not external-decide mode), on the ZooKeeper store.
 * Usage: AddDomainLatencyBench [adds].
 */
public final class AddDomainLatencyBench {
  private AddDomainLatencyBench() {}

  public static void main(String[] args) throws Exception {
    int adds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    Server provisioner = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
        .addService(new ProvisionerGrpc.ProvisionerImplBase() {
          @Override
          public void provision(ProvisionRequest req, StreamObserver<ProvisionResponse> out) {
            arrivals.add(System.nanoTime());
            out.onNext(ProvisionResponse.newBuilder().setState(InstanceState.INSTANCE_STATE_REQUESTED).build());
            out.onCompleted();
          }
        }).build().start();
    try (TestingServer zk = new TestingServer(true)) {
      Path conf = Files.createTempFile("epum-bench", ".yaml");
      Files.writeString(conf, """
          server: {listen: "127.0.0.1:0"}
          store: {type: zookeeper}
          zookeeper: {connect: "%s", root: /bench}
          decider: {interval: 5s, retry_interval: 1h}
          provisioner: {endpoint: "127.0.0.1:%d"}
          """.formatted(zk.getConnectString(), provisioner.getPort()));
      EpumServer server = EpumServer.create(ConfigLoader.load(conf, Map.of()));
      server.start();
      try (var client = GrpcEpumClient.builder("127.0.0.1:" + server.port()).build()) {
        client.createDefinition("def", Map.of("general", Map.of("engine_class", "simplest")), "", WriteOptions.NONE);
        int warmup = Math.min(50, adds);
        measure(client, arrivals, "warm", warmup);
        long[] latencies = measure(client, arrivals, "d", adds);
        Arrays.sort(latencies);
        System.out.printf("AddDomain -> Provision over %d adds (timed loop, debounce from config): "
            + "p50 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 <= 100 ms)%n", adds,
            latencies[adds / 2] / 1e6, latencies[(int) Math.ceil(adds * 0.99) - 1] / 1e6,
            latencies[adds - 1] / 1e6);
      } finally {
        server.stop();
        Files.deleteIfExists(conf);
      }
    } finally {
      provisioner.shutdownNow();
    }
  }

  private static long[] measure(GrpcEpumClient client, BlockingQueue<Long> arrivals, String prefix, int adds)
      throws InterruptedException {
    long[] latencies = new long[adds];
    for (int i = 0; i < adds; i++) {
      long start = System.nanoTime();
      client.addDomain(prefix + i, "def", Map.of("engine_conf", Map.of("preserve_n", 1)), java.util.List.of(),
          WriteOptions.NONE);
      Long arrived = arrivals.poll(10, TimeUnit.SECONDS);
      if (arrived == null) {
        throw new IllegalStateException("no Provision within 10 s of adding " + prefix + i);
      }
      latencies[i] = arrived - start;
    }
    return latencies;
  }
}
