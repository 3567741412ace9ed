package org.epum.core.store.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.core.testing.TestRecords.domain;
import static org.epum.core.testing.TestRecords.fullInstance;
import static org.epum.core.testing.TestRecords.key;
import static org.epum.core.testing.TestRecords.newInstance;
import static org.epum.core.testing.ZooKeeperTesting.startedClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.epum.core.domain.DomainKey;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.store.Fence;
import org.epum.core.store.RequestMark;
import org.epum.core.testing.RecordingStoreListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real connection faults in the middle of a stream of writes: every write either completes and is
 * visible, or fails STORE_UNAVAILABLE; nothing is half-written (instance records and index entries
 * match one for one in ZooKeeper itself); the store keeps working afterwards; and its cache
 * catches up with ZooKeeper.
 */
class ZooKeeperFaultsIT {
  private static final DomainKey D1 = key("owner1", "d1");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int INSTANCES = 60;
  private static final AtomicInteger ROOTS = new AtomicInteger();
  private static TestingServer server;

  private CuratorFramework client;
  private ZooKeeperEpumStore store;
  private ExecutorService writer;

  @BeforeAll
  static void startServer() throws Exception {
    server = new TestingServer(true);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void start() throws Exception {
    client = startedClient(server.getConnectString());
    String root = "/epum-faults-" + ROOTS.incrementAndGet();
    store = new ZooKeeperEpumStore(client, ZkStoreOptions.defaults().withRoot(root));
    store.start();
    writer = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void stop() throws Exception {
    writer.shutdownNow();
    assertThat(writer.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    store.close();
    client.close();
  }

  @Test
  void aConnectionLossMidStreamLeavesEveryWriteWholeOrAbsent() throws Exception {
    streamWithFaults(() -> client.getZookeeperClient().getZooKeeper().getTestable().closeSocket());
  }

  @Test
  void aSessionExpiryMidStreamLeavesEveryWriteWholeOrAbsent() throws Exception {
    streamWithFaults(() -> KillSession.kill(client.getZookeeperClient().getZooKeeper()));
  }

  private interface Fault {
    void inject() throws Exception;
  }

  private void streamWithFaults(Fault fault) throws Exception {
    store.createDomain(domain(D1), List.of(), RequestMark.NONE);
    RecordingStoreListener heard = new RecordingStoreListener();
    store.addListener(heard);
    Semaphore progress = new Semaphore(0);
    Future<Map<String, String>> stream = writer.submit(() -> writeStream(progress));
    for (int i = 0; i < 3; i++) {
      assertThat(progress.tryAcquire(15, WAIT.toSeconds(), TimeUnit.SECONDS)).as("stream progress").isTrue();
      fault.inject();
    }
    Map<String, String> fates = stream.get(120, TimeUnit.SECONDS);
    assertThat(client.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();

    assertThat(fates.values()).allMatch(f -> !f.startsWith("unexpected"), "every write completed or failed"
        + " STORE_UNAVAILABLE: " + fates);
    Map<String, Integer> truth = instancesInZooKeeper();
    assertThat(indexedInZooKeeper()).as("index entries match instance records").isEqualTo(truth.keySet());
    fates.forEach((id, fate) -> {
      switch (fate) {
        case "created" -> assertThat(truth).containsEntry(id, 0);
        case "updated" -> assertThat(truth).containsEntry(id, 1);
        case "deleted" -> assertThat(truth).doesNotContainKey(id);
        default -> assertThat(fate).isEqualTo("unknown");
      }
    });

    assertThat(heard.awaitCondition(() -> cacheMatches(truth), WAIT)).as("the cache caught up").isTrue();
    store.createInstance(D1, fullInstance("after"), Fence.NONE);
    assertThat(store.instance(D1, "after")).isPresent();
    assertThat(store.domainOfInstance("after")).contains(D1);
  }

  /** Creates, updates and (every third) deletes instances; returns each one's fate. */
  private Map<String, String> writeStream(Semaphore progress) {
    Map<String, String> fates = new TreeMap<>();
    for (int i = 0; i < INSTANCES; i++) {
      String id = String.format("s-%03d", i);
      fates.put(id, "absent");
      try {
        store.createInstance(D1, newInstance(id), Fence.NONE);
        fates.put(id, "created");
        progress.release();
        store.updateInstance(D1, fullInstance(id), 0, Fence.NONE);
        fates.put(id, "updated");
        progress.release();
        if (i % 3 == 0) {
          store.deleteInstance(D1, id, 1, Fence.NONE);
          fates.put(id, "deleted");
          progress.release();
        }
      } catch (EpumException e) {
        fates.put(id, e.code() == ErrorCode.STORE_UNAVAILABLE ? "unknown" : "unexpected " + e.code() + ": "
            + e.getMessage());
        progress.release();
      }
    }
    return fates;
  }

  private boolean cacheMatches(Map<String, Integer> truth) {
    Map<String, Integer> cached = new HashMap<>();
    store.instances(D1).forEach(v -> cached.put(v.value().instanceId(), v.version()));
    return cached.equals(truth) && truth.keySet().stream().allMatch(id -> store.domainOfInstance(id).isPresent());
  }

  private Map<String, Integer> instancesInZooKeeper() throws Exception {
    Map<String, Integer> out = new HashMap<>();
    String dir = store.paths().instances(D1);
    for (String child : client.getChildren().forPath(dir)) {
      Stat stat = client.checkExists().forPath(dir + "/" + child);
      out.put(ZkPaths.unsegment(child), stat.getVersion());
    }
    return out;
  }

  private Set<String> indexedInZooKeeper() throws Exception {
    Set<String> out = new HashSet<>();
    for (String child : client.getChildren().forPath(store.paths().instanceIndex())) {
      out.add(ZkPaths.unsegment(child));
    }
    return out;
  }
}
