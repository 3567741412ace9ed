package org.epum.server.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;
import org.epum.core.decider.Decider;
import org.epum.core.decider.DeciderConfig;
import org.epum.core.decider.SensorReadings;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainLifecycle;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.EngineState;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.EngineRegistry;
import org.epum.core.events.DomainEventLog;
import org.epum.core.provisioner.ProvisionCall;
import org.epum.core.provisioner.Provisioner;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;
import org.epum.core.store.RequestMark;
import org.epum.core.store.memory.InMemoryEpumStore;
import org.epum.core.store.zk.ZkStoreOptions;
import org.epum.core.store.zk.ZooKeeperEpumStore;

/**
 * One decider pass over D domains x N instances with nothing to change, on the memory store and
 * on the ZooKeeper store (a real server from Curator Test) in the same run, and the direct
 * ZooKeeper reads the pass made. Usage: DeciderPassBench [domains] [instances] [passes].
 */
public final class DeciderPassBench {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private DeciderPassBench() {}

  public static void main(String[] args) throws Exception {
    int domains = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int passes = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    System.out.printf("decider pass benchmark: %d domains x %d instances, steady state, %d timed passes%n",
        domains, instances, passes);

    InMemoryEpumStore memory = new InMemoryEpumStore();
    seed(memory, domains, instances);
    try (TestingServer zk = new TestingServer(true)) {
      CuratorFramework curator = CuratorFrameworkFactory.builder().connectString(zk.getConnectString())
          .sessionTimeoutMs(10_000).connectionTimeoutMs(5_000).retryPolicy(new ExponentialBackoffRetry(100, 5))
          .build();
      curator.start();
      curator.blockUntilConnected();
      ZooKeeperEpumStore zookeeper = new ZooKeeperEpumStore(curator, ZkStoreOptions.defaults().withRoot("/bench"));
      zookeeper.start();
      long seedStart = System.nanoTime();
      seed(zookeeper, domains, instances);
      System.out.printf("seeded ZooKeeper in %.1f s%n", (System.nanoTime() - seedStart) / 1e9);

      Run mem = new Run("memory", memory, memory);
      Run zoo = new Run("zookeeper", zookeeper, zookeeper);
      mem.warmUp();
      zoo.warmUp();
      long[] memTimes = new long[passes];
      long[] zkTimes = new long[passes];
      long readsBefore = zookeeper.directReads();
      int memCalls = 0;
      int zkCalls = 0;
      for (int i = 0; i < passes; i++) {
        memTimes[i] = mem.pass();
        zkTimes[i] = zoo.pass();
      }
      long reads = zookeeper.directReads() - readsBefore;
      memCalls += mem.provisioner.calls.get();
      zkCalls += zoo.provisioner.calls.get();
      double memMs = median(memTimes) / 1e6;
      double zkMs = median(zkTimes) / 1e6;
      System.out.printf("memory store:    median pass %.1f ms (min %.1f)%n", memMs, min(memTimes) / 1e6);
      System.out.printf("zookeeper store: median pass %.1f ms (min %.1f)%n", zkMs, min(zkTimes) / 1e6);
      System.out.printf("ratio zookeeper/memory: %.2f (target <= 1.5)%n", zkMs / memMs);
      System.out.printf("direct ZooKeeper reads during %d timed passes: %d (target 0)%n", passes, reads);
      System.out.printf("provisioner calls during timed passes: memory %d, zookeeper %d (expected 0)%n",
          memCalls, zkCalls);
      zookeeper.close();
      curator.close();
    }
  }

  private static void seed(EpumStore store, int domains, int instances) throws Exception {
    DomainConfig config = DomainConfig.of(Map.of("general", Map.of("engine_class", "simplest"),
        "engine_conf", Map.of("preserve_n", instances)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> work = new ArrayList<>();
    AtomicInteger ids = new AtomicInteger();
    for (int d = 0; d < domains; d++) {
      DomainKey key = new DomainKey("bench", String.format("dom%05d", d));
      work.add(pool.submit(() -> {
        store.createDomain(new DomainRecord(key, "def", config, 1, DomainLifecycle.ACTIVE, EngineState.UNKNOWN, T0,
            T0), List.of(), RequestMark.NONE);
        for (int i = 0; i < instances; i++) {
          String id = "i-" + ids.incrementAndGet();
          store.createInstance(key, InstanceRecord.requesting(id, T0).state(InstanceState.RUNNING)
              .health(HealthState.OK).launchId("l-" + id).deployableType("epu_work_consumer").site("ec2-east")
              .allocation("small").build(), Fence.NONE);
        }
        return null;
      }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long min(long[] values) {
    return Arrays.stream(values).min().orElse(0);
  }

  /** A decider over one store, with a provisioner that only counts calls. */
  private static final class Run {
    final CountingProvisioner provisioner = new CountingProvisioner();
    final Decider decider;
    final EpumStore store;

    Run(String name, EpumStore store, DomainEventLog events) {
      this.store = store;
      long epoch = store.bumpEpoch("decider");
      Fence fence = new Fence("decider", epoch);
      this.decider = new Decider(store, events, EngineRegistry.fromClasspath(), provisioner,
          (domain, list, now) -> SensorReadings.NONE, Clock.fixed(T0.plusSeconds(60), java.time.ZoneOffset.UTC),
          new DeciderConfig(Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(), "127.0.0.1:7650"),
          () -> fence, new SimpleMeterRegistry());
    }

    /** First passes create the engines and write their state and first verdicts; then JIT warm-up. */
    void warmUp() {
      for (int i = 0; i < 10; i++) {
        decider.runOnce();
      }
      provisioner.calls.set(0);
    }

    long pass() {
      long start = System.nanoTime();
      decider.runOnce();
      return System.nanoTime() - start;
    }
  }

  private static final class CountingProvisioner implements Provisioner {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void provision(ProvisionCall call) {
      calls.incrementAndGet();
    }

    @Override
    public void terminate(List<String> instanceIds, String owner, long epoch) {
      calls.incrementAndGet();
    }

    @Override
    public void dumpState(List<String> instanceIds) {
      calls.incrementAndGet();
    }
  }
}
