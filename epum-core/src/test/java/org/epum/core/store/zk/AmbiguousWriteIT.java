package org.epum.core.store.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.epum.core.testing.TestRecords.definition;
import static org.epum.core.testing.TestRecords.domain;
import static org.epum.core.testing.TestRecords.fullInstance;
import static org.epum.core.testing.TestRecords.key;
import static org.epum.core.testing.TestRecords.mark;
import static org.epum.core.testing.TestRecords.newInstance;
import static org.epum.core.testing.ZooKeeperTesting.startedClient;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.store.DuplicateRequestException;
import org.epum.core.store.Fence;
import org.epum.core.store.RequestMark;
import org.epum.core.store.Versioned;
import org.epum.core.store.zk.FlakyWire.Drop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes whose connection drops mid-call, made deterministic with a {@link FlakyWire}: a write that
 * landed is reported as done (never as ALREADY_EXISTS, VERSION_CONFLICT or a duplicate request), one
 * that did not land is sent again, and one that cannot be told apart fails STORE_UNAVAILABLE with
 * nothing half-written.
 */
class AmbiguousWriteIT {
  private static final DomainKey D1 = key("owner1", "d1");
  private static final AtomicInteger ROOTS = new AtomicInteger();
  private static TestingServer server;

  private CuratorFramework client;
  private CuratorFramework otherClient;
  private FlakyWire wire;
  private ZooKeeperEpumStore store;
  private ZooKeeperEpumStore other;

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
    ZkStoreOptions options = ZkStoreOptions.defaults().withRoot("/epum-ambiguous-" + ROOTS.incrementAndGet());
    client = startedClient(server.getConnectString());
    otherClient = startedClient(server.getConnectString());
    wire = new FlakyWire(new CuratorZkWire(client));
    store = new ZooKeeperEpumStore(client, options, wire);
    store.start();
    other = new ZooKeeperEpumStore(otherClient, options);
    other.start();
    store.createDomain(domain(D1), List.of(), RequestMark.NONE);
  }

  @AfterEach
  void stop() {
    other.close();
    store.close();
    otherClient.close();
    client.close();
  }

  @Test
  void aCreateThatLandedBeforeTheConnectionDroppedSucceeds() {
    wire.dropNextMulti(Drop.AFTER_LANDING, () -> {});

    assertThat(store.createInstance(D1, fullInstance("i-1"), Fence.NONE))
        .isEqualTo(new Versioned<>(fullInstance("i-1"), 0));
    assertThat(store.instance(D1, "i-1")).contains(new Versioned<>(fullInstance("i-1"), 0));
    assertThat(store.domainOfInstance("i-1")).contains(D1);
    assertThat(store.directReads()).as("the write was checked in ZooKeeper itself").isPositive();
  }

  @Test
  void anUpdateThatNeverLeftIsSentAgain() {
    store.createInstance(D1, newInstance("i-1"), Fence.NONE);
    wire.dropNextMulti(Drop.BEFORE_SENDING, () -> {});

    assertThat(store.updateInstance(D1, fullInstance("i-1"), 0, Fence.NONE).version()).isEqualTo(1);
    assertThat(store.instance(D1, "i-1")).contains(new Versioned<>(fullInstance("i-1"), 1));
  }

  @Test
  void anUnconditionalUpdateThatNeverLeftIsSentAgain() {
    store.createInstance(D1, newInstance("i-1"), Fence.NONE);
    wire.dropNextMulti(Drop.BEFORE_SENDING, () -> {});

    assertThat(store.updateInstance(D1, fullInstance("i-1"), Versioned.ANY, Fence.NONE).version()).isEqualTo(1);
  }

  @Test
  void aRequestMarkProvesTheWriteLandedEvenAfterTheRecordChanged() {
    RequestMark m = mark("owner1", "r-1", "AddDomain", "domain:owner1/d2");
    DomainKey d2 = key("owner1", "d2");
    wire.dropNextMulti(Drop.AFTER_LANDING,
        () -> other.updateDomain(domain(d2), Versioned.ANY, RequestMark.NONE, Fence.NONE));

    assertThat(store.createDomain(domain(d2), List.of(), m).version()).isZero();
    assertThat(store.request("owner1", "r-1")).contains(m);
  }

  @Test
  void anUpdateOverwrittenAfterItLandedCannotBeToldAndFailsStoreUnavailable() {
    store.createInstance(D1, newInstance("i-1"), Fence.NONE);
    InstanceRecord theirs = newInstance("i-1").toBuilder().hostname("theirs").build();
    wire.dropNextMulti(Drop.AFTER_LANDING, () -> other.updateInstance(D1, theirs, 1, Fence.NONE));

    assertThatThrownBy(() -> store.updateInstance(D1, fullInstance("i-1"), 0, Fence.NONE))
        .isInstanceOfSatisfying(EpumException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    assertThat(other.instance(D1, "i-1")).contains(new Versioned<>(theirs, 2));
  }

  @Test
  void aDeleteThatLandedSucceedsAndTakesItsIndexEntry() {
    store.createInstance(D1, newInstance("i-1"), Fence.NONE);
    wire.dropNextMulti(Drop.AFTER_LANDING, () -> {});

    store.deleteInstance(D1, "i-1", 0, Fence.NONE);
    assertThat(store.instance(D1, "i-1")).isEmpty();
    assertThat(store.domainOfInstance("i-1")).isEmpty();
  }

  @Test
  void someoneElsesCreateInTheGapIsAlreadyExists() {
    wire.dropNextMulti(Drop.BEFORE_SENDING, () -> other.createDefinition(definition("def1"), RequestMark.NONE));

    assertThatThrownBy(() -> store.createDefinition(definition("def1"), RequestMark.NONE))
        .isInstanceOfSatisfying(EpumException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
  }

  @Test
  void someoneElsesUseOfTheRequestIdInTheGapIsADuplicate() {
    RequestMark theirs = mark("owner1", "r-1", "AddDefinition", "definition:def2");
    wire.dropNextMulti(Drop.BEFORE_SENDING, () -> other.createDefinition(definition("def2"), theirs));

    assertThatThrownBy(() -> store.createDefinition(definition("def1"),
        mark("owner1", "r-1", "AddDefinition", "definition:def1")))
        .isInstanceOfSatisfying(DuplicateRequestException.class, e -> assertThat(e.existing()).isEqualTo(theirs));
    assertThat(store.definition("def1")).isEmpty();
  }

  @Test
  void aConflictInTheGapIsAVersionConflict() {
    store.createInstance(D1, newInstance("i-1"), Fence.NONE);
    wire.dropNextMulti(Drop.BEFORE_SENDING, () -> other.updateInstance(D1, fullInstance("i-1"), 0, Fence.NONE));

    assertThatThrownBy(() -> store.updateInstance(D1, newInstance("i-1"), 0, Fence.NONE))
        .isInstanceOfSatisfying(EpumException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VERSION_CONFLICT));
  }

  @Test
  void anEpochBumpThatLandedIsNotBumpedTwice() {
    wire.dropNextMulti(Drop.AFTER_LANDING, () -> {});
    assertThat(store.bumpEpoch("decider")).isEqualTo(1);
    assertThat(store.epoch("decider")).isEqualTo(1);
  }
}
