package org.epum.server.bench;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.curator.test.TestingServer;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.store.Fence;
import org.epum.core.store.zk.ZooKeeperEpumStore;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.EpuManagementGrpc;
import org.epum.proto.v1.EpumAdminGrpc;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.HeartbeatRequest;
import org.epum.proto.v1.HeartbeatsGrpc;
import org.epum.proto.v1.SetClockRequest;
import org.epum.proto.v1.StreamHeartbeatsResponse;
import org.epum.server.EpumServer;
import org.epum.server.config.ConfigLoader;
import org.epum.server.testing.Protos;

/**
 * Heartbeat ingest on a ZooKeeper-backed server (Curator TestingServer) holding N RUNNING,
 * health-monitored instances, over loopback gRPC with C concurrent clients (one channel each):
 * the rate of unary heartbeats, of streamed heartbeats, and of the gRPC health Check (a no-op) on
 * the same server at the same concurrency, plus ZooKeeper write transactions per heartbeat in
 * steady state (every instance already OK, so only last-heard times are persisted, at most once
 * per heartbeat.persist_interval = missing_timeout / 4 = 30 s). Phases alternate over R rounds so
 * a noisy neighbour hurts them alike.
 * Usage: HeartbeatIngestBench [instances] [clients] [seconds per phase] [rounds].
 */
public final class HeartbeatIngestBench {
  private static final int DOMAIN_SIZE = 100;
  private static final int STREAM_BATCH = 500;

  private HeartbeatIngestBench() {}

  public static void main(String[] args) throws Exception {
    int instances = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    System.out.printf("heartbeat ingest benchmark: %d instances, %d clients, %d s per phase, %d rounds%n",
        instances, clients, seconds, rounds);
    try (TestingServer zk = new TestingServer(true)) {
      Path conf = Files.createTempFile("epum-bench", ".yaml");
      Files.writeString(conf, """
          server: {listen: "127.0.0.1:0"}
          store: {type: zookeeper}
          zookeeper: {connect: "%s", root: /bench}
          epum: {external_decide: true}
          provisioner: {endpoint: "127.0.0.1:1"}
          """.formatted(zk.getConnectString()));
      EpumServer server = EpumServer.create(ConfigLoader.load(conf, Map.of()));
      server.start();
      List<ManagedChannel> channels = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      try {
        String target = "127.0.0.1:" + server.port();
        for (int i = 0; i < clients; i++) {
          channels.add(NettyChannelBuilder.forTarget(target).usePlaintext().build());
        }
        // External-decide mode keeps the decider and doctor out of the measurement; a ticker moves
        // the server's manual clock with real time so last-heard times age as they would.
        var admin = EpumAdminGrpc.newBlockingStub(channels.get(0));
        Thread ticker = new Thread(() -> tick(admin), "bench-clock");
        ticker.setDaemon(true);
        ticker.start();
        List<String> ids = seed(server, channels.get(0), instances);
        Bench b = new Bench(channels, pool, ids);
        long warmStart = System.nanoTime();
        b.streamed(ids.size() / STREAM_BATCH + 1);   // one heartbeat per instance: all of them OK
        b.run("warm-up", Math.max(15, seconds), b::unaryLoop);
        b.run("warm-up", 5, b::healthLoop);
        b.run("warm-up", 5, b::streamLoop);
        System.out.printf("seeded and warmed up in %.1f s%n", (System.nanoTime() - warmStart) / 1e9);

        ZooKeeperEpumStore store = (ZooKeeperEpumStore) server.store();
        Counter written = server.meters().find("epum.heartbeats.writes").counter();
        double health = 0;
        double unary = 0;
        double stream = 0;
        long heartbeats = 0;
        long zkWrites = 0;
        double meteredWrites = 0;
        long background = 0;
        for (int r = 0; r < rounds; r++) {
          long h0 = store.writeTransactions();
          health += b.run("health", seconds, b::healthLoop);
          background += store.writeTransactions() - h0;
          long w0 = store.writeTransactions();
          double m0 = written.count();
          long n0 = b.heartbeats.sum();
          unary += b.run("unary", seconds, b::unaryLoop);
          stream += b.run("stream", seconds, b::streamLoop);
          heartbeats += b.heartbeats.sum() - n0;
          zkWrites += store.writeTransactions() - w0;
          meteredWrites += written.count() - m0;
        }
        health /= rounds;
        unary /= rounds;
        stream /= rounds;
        double perHb = (double) zkWrites / heartbeats;
        System.out.println();
        System.out.printf("%-44s %12s %10s %8s%n", "measure", "value", "target", "met");
        System.out.printf("%-44s %10.0f/s %10s %8s%n", "grpc.health.v1 Check (no-op), unary", health, "", "");
        System.out.printf("%-44s %10.0f/s %10s %8s%n", "Heartbeat, unary", unary, "", "");
        System.out.printf("%-44s %10.0f/s %10s %8s%n", "StreamHeartbeats, streamed", stream, "", "");
        System.out.printf("%-44s %12.2f %10s %8s%n", "unary heartbeats / no-op rate", unary / health, ">= 0.70",
            unary / health >= 0.7 ? "yes" : "NO");
        System.out.printf("%-44s %12.2f %10s %8s%n", "streamed heartbeats / no-op rate", stream / health, ">= 0.70",
            stream / health >= 0.7 ? "yes" : "NO");
        System.out.printf("%-44s %12.4f %10s %8s%n", "ZooKeeper writes per heartbeat (steady)", perHb, "<= 0.05",
            perHb <= 0.05 ? "yes" : "NO");
        System.out.printf("(ZooKeeper write transactions while only health checks ran: %d; heartbeat writes that "
            + "lost a compare-and-set, whole run: %.0f)%n", background,
            server.meters().find("epum.heartbeats.conflicts").counter().count());
        System.out.printf("(%d heartbeats measured, %d ZooKeeper write transactions, %.0f heartbeats that wrote; "
            + "%d instances each persisted at most once per 30 s)%n", heartbeats, zkWrites, meteredWrites, instances);
      } finally {
        pool.shutdownNow();
        for (ManagedChannel c : channels) {
          c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        server.stop();
        Files.deleteIfExists(conf);
      }
    }
  }

  private static void tick(EpumAdminGrpc.EpumAdminBlockingStub admin) {
    Clock clock = Clock.systemUTC();
    var tick = new java.util.concurrent.CountDownLatch(1);
    try {
      while (true) {
        Instant now = clock.instant();
        admin.withDeadlineAfter(10, TimeUnit.SECONDS).setClock(SetClockRequest.newBuilder()
            .setAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
            .build());
        tick.await(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException | RuntimeException e) {
      // the server is going away
    }
  }

  /** Domains of DOMAIN_SIZE through the API (health monitored, preserve_n = their size), instances straight into the store. */
  private static List<String> seed(EpumServer server, ManagedChannel channel, int instances) throws Exception {
    long start = System.nanoTime();
    var api = EpuManagementGrpc.newBlockingStub(channel);
    api.createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("def").setConfig(Protos.struct(
        "{\"health\": {\"monitor_health\": true}}")).build());
    int domains = (instances + DOMAIN_SIZE - 1) / DOMAIN_SIZE;
    for (int d = 0; d < domains; d++) {
      api.addDomain(AddDomainRequest.newBuilder().setDomainId("d" + d).setDefinitionId("def")
          .setConfig(Protos.struct("{\"engine_conf\": {\"preserve_n\": " + DOMAIN_SIZE + "}}")).build());
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      ids.add(String.format("i-%06d", i));
    }
    Instant now = Clock.systemUTC().instant();
    String owner = "default";
    ExecutorService seeders = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    AtomicInteger next = new AtomicInteger();
    for (int t = 0; t < 8; t++) {
      done.add(seeders.submit(() -> {
        for (int i; (i = next.getAndIncrement()) < instances; ) {
          server.store().createInstance(new DomainKey(owner, "d" + (i / DOMAIN_SIZE)),
              InstanceRecord.requesting(ids.get(i), now).state(InstanceState.RUNNING).build(), Fence.NONE);
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    seeders.shutdown();
    System.out.printf("seeded %d domains, %d instances in %.1f s%n", domains, instances,
        (System.nanoTime() - start) / 1e9);
    return ids;
  }

  /** Load phases; each client loop runs until {@code stop} and returns how many calls it completed. */
  private static final class Bench {
    final List<ManagedChannel> channels;
    final ExecutorService pool;
    final List<String> ids;
    final LongAdder heartbeats = new LongAdder();
    final AtomicInteger cursor = new AtomicInteger();

    Bench(List<ManagedChannel> channels, ExecutorService pool, List<String> ids) {
      this.channels = channels;
      this.pool = pool;
      this.ids = ids;
    }

    interface Loop {
      long run(ManagedChannel channel, AtomicBoolean stop) throws Exception;
    }

    /** Runs every client's loop for the given time; returns completed calls per second. */
    double run(String name, int seconds, Loop loop) throws Exception {
      AtomicBoolean flag = new AtomicBoolean();
      List<Future<Long>> counts = new ArrayList<>();
      long start = System.nanoTime();
      for (ManagedChannel c : channels) {
        counts.add(pool.submit(() -> loop.run(c, flag)));
      }
      new java.util.concurrent.CountDownLatch(1).await(seconds, TimeUnit.SECONDS);   // the phase's length
      flag.set(true);
      long total = 0;
      for (Future<Long> f : counts) {
        total += f.get();
      }
      double rate = total / ((System.nanoTime() - start) / 1e9);
      if (!name.equals("warm-up")) {
        System.out.printf("  %-8s %10.0f calls/s%n", name, rate);
      }
      return rate;
    }

    long healthLoop(ManagedChannel channel, AtomicBoolean stop) {
      var stub = HealthGrpc.newBlockingStub(channel);
      HealthCheckRequest req = HealthCheckRequest.getDefaultInstance();
      long n = 0;
      while (!stop.get()) {
        stub.withDeadlineAfter(10, TimeUnit.SECONDS).check(req);
        n++;
      }
      return n;
    }

    long unaryLoop(ManagedChannel channel, AtomicBoolean stop) {
      var stub = HeartbeatsGrpc.newBlockingStub(channel);
      long n = 0;
      while (!stop.get()) {
        var answer = stub.withDeadlineAfter(10, TimeUnit.SECONDS).heartbeat(next());
        if (!answer.getAccepted()) {
          throw new IllegalStateException("heartbeat not accepted: " + answer.getNote());
        }
        n++;
      }
      heartbeats.add(n);
      return n;
    }

    /** Batches of STREAM_BATCH heartbeats per stream; a stream's answer is the flow control. */
    long streamLoop(ManagedChannel channel, AtomicBoolean stop) throws Exception {
      long n = 0;
      while (!stop.get()) {
        n += streamBatch(channel);
      }
      heartbeats.add(n);
      return n;
    }

    void streamed(int batches) throws Exception {
      for (int i = 0; i < batches; i++) {
        streamBatch(channels.get(0));
      }
    }

    private long streamBatch(ManagedChannel channel) throws Exception {
      var answer = new CompletableFuture<StreamHeartbeatsResponse>();
      var out = HeartbeatsGrpc.newStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
          .streamHeartbeats(new StreamObserver<>() {
            @Override
            public void onNext(StreamHeartbeatsResponse value) {
              answer.complete(value);
            }

            @Override
            public void onError(Throwable t) {
              answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {}
          });
      for (int i = 0; i < STREAM_BATCH; i++) {
        out.onNext(next());
      }
      out.onCompleted();
      var counts = answer.get(60, TimeUnit.SECONDS);
      if (counts.getAccepted() != STREAM_BATCH) {
        throw new IllegalStateException("stream not fully accepted: " + counts);
      }
      return counts.getReceived();
    }

    private HeartbeatRequest next() {
      String id = ids.get(Math.floorMod(cursor.getAndIncrement(), ids.size()));
      return HeartbeatRequest.newBuilder().setNodeId(id).setState(HealthState.HEALTH_STATE_OK).build();
    }
  }
}
