package org.epum.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.core.testing.TestRecords.definition;
import static org.epum.core.testing.TestRecords.domain;
import static org.epum.core.testing.TestRecords.fullInstance;
import static org.epum.core.testing.TestRecords.mark;
import static org.epum.core.testing.TestRecords.newInstance;
import static org.epum.core.testing.ZooKeeperTesting.awaitState;
import static org.epum.core.testing.ZooKeeperTesting.connectionStates;
import static org.epum.core.testing.ZooKeeperTesting.startedClient;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.test.TestingServer;
import org.epum.core.error.ErrorCode;
import org.epum.core.store.zk.ZkStoreOptions;
import org.epum.core.store.zk.ZooKeeperEpumStore;
import org.epum.core.testing.RecordingStoreListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract against the ZooKeeper store on a real (in-process) ZooKeeper, plus what only
 * that store has: a cache shared with other replicas, reads that never leave the cache, and
 * behaviour while ZooKeeper is down. One server per class; each test gets a fresh root.
 * Connection loss and session expiry in the middle of writes are in
 * {@code org.epum.core.store.zk.ZooKeeperFaultsIT}.
 */
class ZooKeeperEpumStoreIT extends EpumStoreContract {
  private static final AtomicInteger ROOTS = new AtomicInteger();
  private static TestingServer server;

  /** Closed in reverse order after the test's store; the test's own client is the first. */
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private CuratorFramework client;
  private ZkStoreOptions options;

  @BeforeAll
  static void startServer() throws Exception {
    server = new TestingServer(true);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Override
  protected EpumStore newStore() {
    options = ZkStoreOptions.defaults().withRoot("/epum-it-" + ROOTS.incrementAndGet());
    client = newClient();
    return startStore(client);
  }

  @Override
  protected void afterStoreClosed() throws Exception {
    while (!closeables.isEmpty()) {
      closeables.removeLast().close();
    }
  }

  private CuratorFramework newClient() {
    try {
      CuratorFramework c = startedClient(server.getConnectString());
      closeables.addLast(c);
      return c;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private ZooKeeperEpumStore startStore(CuratorFramework c) {
    ZooKeeperEpumStore s = new ZooKeeperEpumStore(c, options);
    s.start();
    return s;
  }

  private ZooKeeperEpumStore zkStore() {
    return (ZooKeeperEpumStore) store;
  }

  @Test
  void readsComeOnlyFromTheCache() {
    createDomain(D1);
    for (int i = 0; i < 5; i++) {
      store.createInstance(D1, fullInstance("i-00" + i), Fence.NONE);
    }
    store.createDefinition(definition("def1"), mark("owner1", "r-1", "AddDefinition", "definition:def1"));
    store.bumpEpoch("decider");
    long before = zkStore().directReads();

    for (int pass = 0; pass < 50; pass++) {
      assertThat(store.allDomains()).containsExactly(D1);
      assertThat(store.domains("owner1")).containsExactly(D1);
      assertThat(store.domain(D1)).isPresent();
      assertThat(store.subscribers(D1).value()).isEmpty();
      assertThat(store.instances(D1)).hasSize(5);
      assertThat(store.instance(D1, "i-003")).isPresent();
      assertThat(store.domainOfInstance("i-004")).contains(D1);
      assertThat(store.definitionIds()).containsExactly("def1");
      assertThat(store.definition("def1")).isPresent();
      assertThat(store.request("owner1", "r-1")).isPresent();
      assertThat(store.epoch("decider")).isEqualTo(1);
    }

    assertThat(zkStore().directReads()).isEqualTo(before).isZero();
  }

  @Test
  void anotherReplicasWritesReachThisReplicasReadsAndListeners() throws Exception {
    RecordingStoreListener heard = new RecordingStoreListener();
    store.addListener(heard);
    ZooKeeperEpumStore other = startStore(newClient());
    closeables.addLast(other);

    other.createDomain(domain(D1), List.of(), RequestMark.NONE);
    other.createInstance(D1, fullInstance("i-1"), Fence.NONE);

    assertThat(heard.awaitEvent("instance:owner1/d1/i-1", WAIT)).isNotNull();
    assertThat(store.instance(D1, "i-1")).contains(new Versioned<>(fullInstance("i-1"), 0));
    assertThat(store.domain(D1)).isPresent();
  }

  @Test
  void aDeposedLeaderOnAnotherReplicaIsFenced() {
    ZooKeeperEpumStore other = startStore(newClient());
    closeables.addLast(other);
    createDomain(D1);
    Fence mine = new Fence("decider", store.bumpEpoch("decider"));
    assertThat(other.bumpEpoch("decider")).isEqualTo(2);

    assertFails(ErrorCode.NOT_LEADER, () -> store.createInstance(D1, newInstance("i-1"), mine));
    other.createInstance(D1, newInstance("i-1"), new Fence("decider", 2));
    assertThat(other.instance(D1, "i-1")).isPresent();
  }

  @Test
  void whileZooKeeperIsDownReadsAndWritesFailStoreUnavailable() throws Exception {
    createDomain(D1);
    BlockingQueue<ConnectionState> states = connectionStates(client);
    server.stop();
    try {
      assertThat(awaitState(states, ConnectionState.SUSPENDED, WAIT)).isTrue();
      assertThat(store.isAvailable()).isFalse();
      assertFails(ErrorCode.STORE_UNAVAILABLE, () -> store.domain(D1));
      assertFails(ErrorCode.STORE_UNAVAILABLE, () -> store.instances(D1));
      assertFails(ErrorCode.STORE_UNAVAILABLE, () -> store.createInstance(D1, newInstance("i-1"), Fence.NONE));
    } finally {
      server.restart();
    }
    assertThat(awaitState(states, ConnectionState.RECONNECTED, Duration.ofSeconds(30))).isTrue();
    assertThat(store.isAvailable()).isTrue();
    assertThat(store.domain(D1)).isPresent();
    assertThat(store.instance(D1, "i-1")).isEmpty();
    store.createInstance(D1, newInstance("i-2"), Fence.NONE);
    assertThat(store.domainOfInstance("i-2")).contains(D1);
  }

  @Test
  void worksThroughANamespacedClient() throws Exception {
    CuratorFramework namespaced = client.usingNamespace("tenant-a");
    ZooKeeperEpumStore s = startStore(namespaced);
    closeables.addLast(s);
    Fence fence = new Fence("decider", s.bumpEpoch("decider"));
    s.createDomain(domain(D1), List.of(), mark("owner1", "r-1", "AddDomain", "domain:owner1/d1"));
    s.createInstance(D1, fullInstance("i-1"), fence);
    s.updateInstance(D1, newInstance("i-1"), 0, fence);

    assertThat(client.checkExists().forPath("/tenant-a" + s.paths().instance(D1, "i-1"))).isNotNull();
    assertThat(s.instance(D1, "i-1")).contains(new Versioned<>(newInstance("i-1"), 1));
    assertThat(s.request("owner1", "r-1")).isPresent();
    s.deleteDomain(D1, fence);
    assertThat(s.domainOfInstance("i-1")).isEmpty();
    assertThat(client.checkExists().forPath("/tenant-a" + s.paths().domain(D1))).isNull();
    assertThat(s.directReads()).isZero();
  }

  @Test
  void startCreatesTheLayoutUnderTheRoot() throws Exception {
    for (String dir : List.of("definitions", "domains", "instance-index", "requests", "epochs")) {
      assertThat(client.checkExists().forPath(options.root() + "/" + dir)).as(dir).isNotNull();
    }
    createDomain(D1);
    assertThat(client.checkExists().forPath(zkStore().paths().subscribers(D1))).isNotNull();
    assertThat(client.checkExists().forPath(zkStore().paths().instances(D1))).isNotNull();
  }
}
