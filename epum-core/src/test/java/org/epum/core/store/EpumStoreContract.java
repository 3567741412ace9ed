package org.epum.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.epum.core.testing.TestRecords.T0;
import static org.epum.core.testing.TestRecords.definition;
import static org.epum.core.testing.TestRecords.domain;
import static org.epum.core.testing.TestRecords.fullInstance;
import static org.epum.core.testing.TestRecords.key;
import static org.epum.core.testing.TestRecords.mark;
import static org.epum.core.testing.TestRecords.newInstance;
import static org.epum.core.testing.TestRecords.subscribers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.epum.core.domain.DefinitionRecord;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainLifecycle;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.testing.RecordingStoreListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link EpumStore} contract, run against every implementation: a subclass supplies a fresh,
 * empty, started store per test. Tests wait on queues and futures with timeouts, never sleep, and do
 * not depend on how fast anything runs. Shared with epum-server's tests through the test-jar.
 */
public abstract class EpumStoreContract {
  protected static final Duration WAIT = Duration.ofSeconds(10);
  protected static final DomainKey D1 = key("owner1", "d1");

  protected EpumStore store;

  /** A fresh, empty, started store. */
  protected abstract EpumStore newStore();

  /** Releases what {@link #newStore()} built besides the store (called after the store is closed). */
  protected void afterStoreClosed() throws Exception {}

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
    afterStoreClosed();
  }

  protected static void assertFails(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(EpumException.class,
        e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
  }

  protected void createDomain(DomainKey key) {
    store.createDomain(domain(key), List.of(), RequestMark.NONE);
  }

  // ---- definitions ----

  @Test
  void definitionRoundTripsExactly() {
    DefinitionRecord def = definition("def1");
    Versioned<DefinitionRecord> created = store.createDefinition(def, RequestMark.NONE);

    assertThat(created).isEqualTo(new Versioned<>(def, 0));
    assertThat(store.definition("def1")).contains(new Versioned<>(def, 0));
    Object big = store.definition("def1").orElseThrow().value().config().get(DomainConfig.ENGINE_CONF, "big")
        .orElseThrow();
    assertThat(big).isEqualTo(Long.MAX_VALUE);
    assertThat(store.definition("nope")).isEmpty();
  }

  @Test
  void definitionIdsAreSorted() {
    List.of("b", "c", "a").forEach(id -> store.createDefinition(definition(id), RequestMark.NONE));
    assertThat(store.definitionIds()).containsExactly("a", "b", "c");
  }

  @Test
  void creatingATakenDefinitionIdFailsAlreadyExists() {
    store.createDefinition(definition("def1"), RequestMark.NONE);
    DefinitionRecord other = new DefinitionRecord("def1", DomainConfig.empty(), "other", T0, T0);
    assertFails(ErrorCode.ALREADY_EXISTS, () -> store.createDefinition(other, RequestMark.NONE));
    assertThat(store.definition("def1").orElseThrow().value().description()).isEqualTo("definition def1");
  }

  @Test
  void definitionUpdatesAreCompareAndSet() {
    store.createDefinition(definition("def1"), RequestMark.NONE);
    DefinitionRecord v1 = new DefinitionRecord("def1", DomainConfig.empty(), "v1", T0, T0.plusSeconds(9));

    assertThat(store.updateDefinition(v1, 0, RequestMark.NONE)).isEqualTo(new Versioned<>(v1, 1));
    assertFails(ErrorCode.VERSION_CONFLICT, () -> store.updateDefinition(definition("def1"), 0, RequestMark.NONE));
    assertThat(store.definition("def1")).contains(new Versioned<>(v1, 1));
    assertThat(store.updateDefinition(definition("def1"), Versioned.ANY, RequestMark.NONE).version()).isEqualTo(2);
    assertFails(ErrorCode.NOT_FOUND, () -> store.updateDefinition(definition("nope"), 0, RequestMark.NONE));
  }

  @Test
  void removeDefinitionIsCompareAndSet() {
    store.createDefinition(definition("def1"), RequestMark.NONE);
    store.updateDefinition(definition("def1"), 0, RequestMark.NONE);

    assertFails(ErrorCode.VERSION_CONFLICT, () -> store.removeDefinition("def1", 0, RequestMark.NONE));
    assertThat(store.definition("def1")).isPresent();
    store.removeDefinition("def1", 1, RequestMark.NONE);
    assertThat(store.definition("def1")).isEmpty();
    assertThat(store.definitionIds()).isEmpty();
    assertFails(ErrorCode.NOT_FOUND, () -> store.removeDefinition("def1", Versioned.ANY, RequestMark.NONE));
  }

  // ---- domains and subscribers ----

  @Test
  void domainRoundTripsWithItsSubscribersInOrder() {
    DomainRecord d = domain(D1);
    assertThat(store.createDomain(d, subscribers("s2", "s1", "s3"), RequestMark.NONE)).isEqualTo(new Versioned<>(d, 0));

    assertThat(store.domain(D1)).contains(new Versioned<>(d, 0));
    assertThat(store.subscribers(D1)).isEqualTo(new Versioned<>(subscribers("s2", "s1", "s3"), 0));
    assertThat(store.instances(D1)).isEmpty();
  }

  @Test
  void domainsAreListedPerOwnerSortedById() {
    List.of(key("bob", "z"), key("alice", "b"), key("alice", "a"), key("bob", "a")).forEach(this::createDomain);

    assertThat(store.domains("alice")).containsExactly(key("alice", "a"), key("alice", "b"));
    assertThat(store.domains("bob")).containsExactly(key("bob", "a"), key("bob", "z"));
    assertThat(store.domains("carol")).isEmpty();
    assertThat(store.allDomains()).containsExactly(key("alice", "a"), key("alice", "b"), key("bob", "a"),
        key("bob", "z"));
  }

  @Test
  void aDomainIdIsTakenPerOwner() {
    createDomain(D1);
    assertFails(ErrorCode.ALREADY_EXISTS, () -> createDomain(D1));
    createDomain(key("owner2", "d1"));
    assertThat(store.allDomains()).containsExactly(D1, key("owner2", "d1"));
  }

  @Test
  void domainUpdatesAreCompareAndSet() {
    createDomain(D1);
    DomainRecord removing = domain(D1).withLifecycle(DomainLifecycle.REMOVING, T0.plusSeconds(60));

    assertThat(store.updateDomain(removing, 0, RequestMark.NONE, Fence.NONE)).isEqualTo(new Versioned<>(removing, 1));
    assertFails(ErrorCode.VERSION_CONFLICT, () -> store.updateDomain(domain(D1), 0, RequestMark.NONE, Fence.NONE));
    assertThat(store.domain(D1)).contains(new Versioned<>(removing, 1));
    assertThat(store.updateDomain(domain(D1), Versioned.ANY, RequestMark.NONE, Fence.NONE).version()).isEqualTo(2);
  }

  @Test
  void aMissingDomainIsNotFound() {
    DomainKey missing = key("owner1", "missing");
    assertThat(store.domain(missing)).isEmpty();
    assertFails(ErrorCode.NOT_FOUND, () -> store.updateDomain(domain(missing), 0, RequestMark.NONE, Fence.NONE));
    assertFails(ErrorCode.NOT_FOUND, () -> store.subscribers(missing));
    assertFails(ErrorCode.NOT_FOUND, () -> store.setSubscribers(missing, subscribers("s"), 0, RequestMark.NONE));
    assertFails(ErrorCode.NOT_FOUND, () -> store.deleteDomain(missing, Fence.NONE));
    assertThatThrownBy(() -> store.createInstance(missing, newInstance("i-1"), Fence.NONE))
        .isInstanceOf(EpumException.class).hasMessageContaining("domain owner1/missing not found");
    assertThat(store.instances(missing)).isEmpty();
  }

  @Test
  void subscriberListsAreCompareAndSet() {
    createDomain(D1);
    assertThat(store.setSubscribers(D1, subscribers("a", "b"), 0, RequestMark.NONE))
        .isEqualTo(new Versioned<>(subscribers("a", "b"), 1));
    assertFails(ErrorCode.VERSION_CONFLICT, () -> store.setSubscribers(D1, subscribers("c"), 0, RequestMark.NONE));
    assertThat(store.subscribers(D1)).isEqualTo(new Versioned<>(subscribers("a", "b"), 1));
    assertThat(store.setSubscribers(D1, List.of(), Versioned.ANY, RequestMark.NONE).version()).isEqualTo(2);
    assertThat(store.subscribers(D1).value()).isEmpty();
  }

  // ---- instances ----

  @Test
  void instanceRoundTripsEveryField() {
    createDomain(D1);
    InstanceRecord full = fullInstance("i-1");

    assertThat(store.createInstance(D1, full, Fence.NONE)).isEqualTo(new Versioned<>(full, 0));
    assertThat(store.instance(D1, "i-1")).contains(new Versioned<>(full, 0));
    InstanceRecord read = store.instance(D1, "i-1").orElseThrow().value();
    assertThat(read.extravars().get("count")).isInstanceOf(Long.class);
    assertThat(read.extravars().get("weight")).isInstanceOf(Double.class);
    assertThat(read.errors().get(1).process().exitCode()).isEqualTo(137);
    assertThat(store.domainOfInstance("i-1")).contains(D1);
  }

  @Test
  void nullFieldsOfAnInstanceStayNull() {
    createDomain(D1);
    InstanceRecord fresh = newInstance("i-1");
    store.createInstance(D1, fresh, Fence.NONE);

    InstanceRecord read = store.instance(D1, "i-1").orElseThrow().value();
    assertThat(read).isEqualTo(fresh);
    assertThat(read.errorTime()).isNull();
    assertThat(read.lastHeartbeat()).isNull();
    assertThat(read.lastAttempt()).isNull();
    assertThat(read.updateCounter()).isNull();
  }

  @Test
  void storedValuesAreNormalisedTheSameWayInBothStores() {
    createDomain(D1);
    InstanceRecord withInts = newInstance("i-1").toBuilder().extravars(Map.of("n", 3, "f", 1.5f)).build();

    Versioned<InstanceRecord> written = store.createInstance(D1, withInts, Fence.NONE);
    assertThat(written.value().extravars()).isEqualTo(Map.of("n", 3L, "f", 1.5d));
    assertThat(store.instance(D1, "i-1").orElseThrow().value()).isEqualTo(written.value());
  }

  @Test
  void anInstanceIdIsUniqueAcrossDomains() {
    createDomain(D1);
    DomainKey d2 = key("owner2", "d2");
    createDomain(d2);
    store.createInstance(D1, newInstance("i-1"), Fence.NONE);

    assertFails(ErrorCode.ALREADY_EXISTS, () -> store.createInstance(D1, newInstance("i-1"), Fence.NONE));
    assertFails(ErrorCode.ALREADY_EXISTS, () -> store.createInstance(d2, newInstance("i-1"), Fence.NONE));
    assertThat(store.instances(d2)).isEmpty();
    assertThat(store.domainOfInstance("i-1")).contains(D1);
  }

  @Test
  void instanceUpdatesAreCompareAndSet() {
    createDomain(D1);
    store.createInstance(D1, newInstance("i-1"), Fence.NONE);
    InstanceRecord running = fullInstance("i-1");

    assertThat(store.updateInstance(D1, running, 0, Fence.NONE)).isEqualTo(new Versioned<>(running, 1));
    assertFails(ErrorCode.VERSION_CONFLICT, () -> store.updateInstance(D1, newInstance("i-1"), 0, Fence.NONE));
    assertThat(store.instance(D1, "i-1")).contains(new Versioned<>(running, 1));
    assertThat(store.updateInstance(D1, newInstance("i-1"), Versioned.ANY, Fence.NONE).version()).isEqualTo(2);
    assertFails(ErrorCode.NOT_FOUND, () -> store.updateInstance(D1, newInstance("i-2"), 0, Fence.NONE));
  }

  @Test
  void deletingAnInstanceRemovesItsIndexEntry() {
    createDomain(D1);
    store.createInstance(D1, newInstance("i-1"), Fence.NONE);
    store.updateInstance(D1, fullInstance("i-1"), 0, Fence.NONE);

    assertFails(ErrorCode.VERSION_CONFLICT, () -> store.deleteInstance(D1, "i-1", 0, Fence.NONE));
    assertThat(store.domainOfInstance("i-1")).contains(D1);
    store.deleteInstance(D1, "i-1", 1, Fence.NONE);
    assertThat(store.instance(D1, "i-1")).isEmpty();
    assertThat(store.domainOfInstance("i-1")).isEmpty();
    assertFails(ErrorCode.NOT_FOUND, () -> store.deleteInstance(D1, "i-1", Versioned.ANY, Fence.NONE));
    store.createInstance(D1, newInstance("i-1"), Fence.NONE);
    assertThat(store.instance(D1, "i-1").orElseThrow().version()).isZero();
  }

  @Test
  void instancesAreListedSortedById() {
    createDomain(D1);
    List.of("i-3", "i-1", "i-2").forEach(id -> store.createInstance(D1, newInstance(id), Fence.NONE));
    assertThat(store.instances(D1)).extracting(v -> v.value().instanceId()).containsExactly("i-1", "i-2", "i-3");
  }

  @Test
  void idsWithAnyCharactersRoundTrip() {
    DomainKey odd = key("o.w-n@er_1", "..");
    createDomain(odd);
    String id = "i/1 %2F:ü";
    store.createInstance(odd, newInstance(id), Fence.NONE);
    RequestMark m = mark("o.w-n@er_1", "req:1/%", "AddDomain", "domain:x");
    store.createDefinition(definition("def.1"), m);

    assertThat(store.instances(odd)).extracting(v -> v.value().instanceId()).containsExactly(id);
    assertThat(store.domainOfInstance(id)).contains(odd);
    assertThat(store.domains("o.w-n@er_1")).containsExactly(odd);
    assertThat(store.request("o.w-n@er_1", "req:1/%")).contains(m);
  }

  @Test
  void deleteDomainRemovesEverythingUnderItAndOnlyThat() {
    createDomain(D1);
    DomainKey other = key("owner1", "d2");
    createDomain(other);
    store.createInstance(other, newInstance("keep"), Fence.NONE);
    // More instances than one batch of a ZooKeeper multi holds.
    IntStream.range(0, 120).forEach(i -> store.createInstance(D1, newInstance(String.format("i-%03d", i)),
        Fence.NONE));

    store.deleteDomain(D1, Fence.NONE);

    assertThat(store.domain(D1)).isEmpty();
    assertThat(store.instances(D1)).isEmpty();
    assertThat(store.domainOfInstance("i-007")).isEmpty();
    assertFails(ErrorCode.NOT_FOUND, () -> store.subscribers(D1));
    assertThat(store.allDomains()).containsExactly(other);
    assertThat(store.domainOfInstance("keep")).contains(other);
    assertFails(ErrorCode.NOT_FOUND, () -> store.deleteDomain(D1, Fence.NONE));
    createDomain(D1);
    assertThat(store.instances(D1)).isEmpty();
    store.createInstance(D1, newInstance("i-007"), Fence.NONE);
  }

  // ---- request marks ----

  @Test
  void aRequestMarkIsRecordedWithItsMutation() {
    RequestMark m = mark("owner1", "r-1", "AddDomain", "domain:owner1/d1");
    assertThat(store.request("owner1", "r-1")).isEmpty();
    store.createDomain(domain(D1), List.of(), m);
    assertThat(store.request("owner1", "r-1")).contains(m);
    assertThat(store.request("owner2", "r-1")).isEmpty();
  }

  @Test
  void aReusedRequestIdFailsDuplicateAndChangesNothing() {
    RequestMark m = mark("owner1", "r-1", "AddDomain", "domain:owner1/d1");
    store.createDomain(domain(D1), subscribers("s"), m);
    store.createDefinition(definition("def1"), RequestMark.NONE);

    assertDuplicate(m, () -> store.createDomain(domain(key("owner1", "d2")), List.of(), m));
    assertDuplicate(m, () -> store.updateDomain(domain(D1), 0, m, Fence.NONE));
    assertDuplicate(m, () -> store.setSubscribers(D1, List.of(), 0, m));
    assertDuplicate(m, () -> store.createDefinition(definition("def2"), m));
    assertDuplicate(m, () -> store.updateDefinition(definition("def1"), 0, m));
    assertDuplicate(m, () -> store.removeDefinition("def1", 0, m));

    assertThat(store.allDomains()).containsExactly(D1);
    assertThat(store.domain(D1).orElseThrow().version()).isZero();
    assertThat(store.subscribers(D1)).isEqualTo(new Versioned<>(subscribers("s"), 0));
    assertThat(store.definitionIds()).containsExactly("def1");
    assertThat(store.definition("def1").orElseThrow().version()).isZero();
  }

  @Test
  void requestIdsArePerOwner() {
    store.createDefinition(definition("def1"), mark("owner1", "r-1", "AddDefinition", "definition:def1"));
    store.createDefinition(definition("def2"), mark("owner2", "r-1", "AddDefinition", "definition:def2"));
    assertThat(store.request("owner2", "r-1").orElseThrow().target()).isEqualTo("definition:def2");
  }

  @Test
  void aFailedMutationRecordsNoRequestMark() {
    createDomain(D1);
    RequestMark m = mark("owner1", "r-1", "AddDomain", "domain:owner1/d1");
    assertFails(ErrorCode.ALREADY_EXISTS, () -> store.createDomain(domain(D1), List.of(), m));
    assertFails(ErrorCode.VERSION_CONFLICT, () -> store.updateDomain(domain(D1), 5, m, Fence.NONE));
    assertThat(store.request("owner1", "r-1")).isEmpty();
  }

  private static void assertDuplicate(RequestMark existing, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(DuplicateRequestException.class,
        e -> assertThat(e.existing()).isEqualTo(existing));
  }

  // ---- epochs and fences ----

  @Test
  void epochsStartAtZeroAndBumpByOnePerRole() {
    assertThat(store.epoch("decider")).isZero();
    assertThat(store.bumpEpoch("decider")).isEqualTo(1);
    assertThat(store.bumpEpoch("decider")).isEqualTo(2);
    assertThat(store.epoch("decider")).isEqualTo(2);
    assertThat(store.epoch("doctor")).isZero();
    assertThat(store.bumpEpoch("doctor")).isEqualTo(1);
  }

  @Test
  void aCurrentFenceLetsWritesThrough() {
    Fence fence = new Fence("decider", store.bumpEpoch("decider"));
    createDomain(D1);
    store.createInstance(D1, newInstance("i-1"), fence);
    store.updateInstance(D1, fullInstance("i-1"), 0, fence);
    store.updateDomain(domain(D1), 0, RequestMark.NONE, fence);
    store.deleteInstance(D1, "i-1", 1, fence);
    store.deleteDomain(D1, fence);
    assertThat(store.allDomains()).isEmpty();
  }

  @Test
  void aStaleFenceFailsNotLeaderAndChangesNothing() {
    Fence old = new Fence("decider", store.bumpEpoch("decider"));
    createDomain(D1);
    store.createInstance(D1, newInstance("i-1"), old);
    store.bumpEpoch("decider");

    assertFails(ErrorCode.NOT_LEADER, () -> store.createInstance(D1, newInstance("i-2"), old));
    assertFails(ErrorCode.NOT_LEADER, () -> store.updateInstance(D1, fullInstance("i-1"), 0, old));
    assertFails(ErrorCode.NOT_LEADER, () -> store.deleteInstance(D1, "i-1", 0, old));
    assertFails(ErrorCode.NOT_LEADER, () -> store.updateDomain(domain(D1).withEngineState(
        org.epum.core.domain.EngineState.STABLE, T0), 0, RequestMark.NONE, old));
    assertFails(ErrorCode.NOT_LEADER, () -> store.deleteDomain(D1, old));

    assertThat(store.instances(D1)).containsExactly(new Versioned<>(newInstance("i-1"), 0));
    assertThat(store.domainOfInstance("i-2")).isEmpty();
    assertThat(store.domain(D1)).contains(new Versioned<>(domain(D1), 0));
  }

  @Test
  void aFenceNoElectionIssuedFailsNotLeader() {
    createDomain(D1);
    assertFails(ErrorCode.NOT_LEADER, () -> store.createInstance(D1, newInstance("i-1"), new Fence("decider", 0)));
    assertFails(ErrorCode.NOT_LEADER, () -> store.createInstance(D1, newInstance("i-1"), new Fence("decider", 1)));
    assertThat(store.instances(D1)).isEmpty();
  }

  // ---- size limit ----

  @Test
  void oversizedRecordsFailInvalidArgumentAndAreNotStored() {
    createDomain(D1);
    store.createInstance(D1, newInstance("i-1"), Fence.NONE);
    InstanceRecord huge = newInstance("i-2").toBuilder().sensorData(Map.of("blob", "x".repeat(1_100_000))).build();

    assertThatThrownBy(() -> store.createInstance(D1, huge, Fence.NONE)).isInstanceOfSatisfying(EpumException.class,
        e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).startsWith("instance record i-2 is 1,10").contains("limit is 1,000,000 bytes")
              .contains("sensor data");
        });
    InstanceRecord hugeUpdate = huge.toBuilder().instanceId("i-1").build();
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> store.updateInstance(D1, hugeUpdate, 0, Fence.NONE));
    DomainConfig bigConfig = DomainConfig.of(Map.of("general", Map.of("blob", "y".repeat(1_000_001))));
    assertFails(ErrorCode.INVALID_ARGUMENT, () -> store.createDefinition(
        new DefinitionRecord("big", bigConfig, "", T0, T0), RequestMark.NONE));

    assertThat(store.instance(D1, "i-2")).isEmpty();
    assertThat(store.domainOfInstance("i-2")).isEmpty();
    assertThat(store.instance(D1, "i-1")).contains(new Versioned<>(newInstance("i-1"), 0));
    assertThat(store.definitionIds()).isEmpty();
  }

  @Test
  void aRecordJustUnderTheLimitIsStored() {
    createDomain(D1);
    InstanceRecord big = newInstance("i-1").toBuilder().sensorData(Map.of("blob", "x".repeat(990_000))).build();
    store.createInstance(D1, big, Fence.NONE);
    assertThat(store.instance(D1, "i-1").orElseThrow().value()).isEqualTo(big);
  }

  // ---- availability ----

  @Test
  void aStartedStoreIsAvailable() {
    assertThat(store.isAvailable()).isTrue();
  }

  // ---- listeners ----

  @Test
  void listenersAreToldAboutChangesOnTheStoresOwnThread() throws Exception {
    RecordingStoreListener listener = new RecordingStoreListener();
    try (AutoCloseable handle = store.addListener(listener)) {
      store.createDefinition(definition("def1"), RequestMark.NONE);
      createDomain(D1);
      store.createInstance(D1, newInstance("i-1"), Fence.NONE);
      store.updateInstance(D1, fullInstance("i-1"), 0, Fence.NONE);
      store.setSubscribers(D1, subscribers("s"), 0, RequestMark.NONE);

      RecordingStoreListener.Event def = listener.awaitEvent("definition:def1", WAIT);
      assertThat(def).isNotNull();
      assertThat(def.thread()).isNotEqualTo(Thread.currentThread().getName()).startsWith("epum-store-events-");
      assertThat(listener.awaitEvent("domain:owner1/d1", WAIT)).isNotNull();
      assertThat(listener.awaitEvent("instance:owner1/d1/i-1", WAIT)).isNotNull();

      store.deleteDomain(D1, Fence.NONE);
      assertThat(listener.awaitEvent("instance:owner1/d1/i-1", WAIT)).isNotNull();
      assertThat(listener.awaitEvent("domain:owner1/d1", WAIT)).isNotNull();
    }
  }

  @Test
  void listenersAreToldWhenEventsAreAppended() throws Exception {
    RecordingStoreListener listener = new RecordingStoreListener();
    createDomain(D1);
    try (AutoCloseable handle = store.addListener(listener)) {
      var log = (org.epum.core.events.DomainEventLog) store;
      log.append(D1, java.util.List.of(org.epum.core.events.DomainEvent.of(java.time.Instant.EPOCH,
          new org.epum.core.events.EventBody.DomainChange("test", 1))), Fence.NONE);
      assertThat(listener.awaitEvent("events:owner1/d1", WAIT)).isNotNull();
      assertThat(log.read(D1, 0, 10)).isNotEmpty();
    }
  }

  @Test
  void aClosedListenerHandleStopsNotifications() throws Exception {
    RecordingStoreListener first = new RecordingStoreListener();
    RecordingStoreListener second = new RecordingStoreListener();
    AutoCloseable firstHandle = store.addListener(first);
    try (AutoCloseable secondHandle = store.addListener(second)) {
      store.createDefinition(definition("a"), RequestMark.NONE);
      assertThat(first.awaitEvent("definition:a", WAIT)).isNotNull();
      firstHandle.close();
      store.createDefinition(definition("b"), RequestMark.NONE);
      // Listeners are called in order on one thread: once the second heard of "b", the first would have too.
      assertThat(second.awaitEvent("definition:b", WAIT)).isNotNull();
      assertThat(first.drain()).extracting(RecordingStoreListener.Event::what).doesNotContain("definition:b");
    }
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() throws Exception {
    RecordingStoreListener after = new RecordingStoreListener();
    try (AutoCloseable bad = store.addListener(new StoreListener() {
          @Override
          public void definitionChanged(String definitionId) {
            throw new IllegalStateException("listener bug");
          }
        });
        AutoCloseable good = store.addListener(after)) {
      store.createDefinition(definition("a"), RequestMark.NONE);
      store.createDefinition(definition("b"), RequestMark.NONE);
      assertThat(after.awaitEvent("definition:b", WAIT)).isNotNull();
    }
  }

  // ---- concurrency ----

  @Test
  void concurrentCompareAndSetWritersWinExactlyOncePerVersion() throws Exception {
    createDomain(D1);
    store.createInstance(D1, newInstance("i-1").toBuilder().updateCounter(0L).build(), Fence.NONE);
    int writers = 4;
    int winsEach = 10;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        results.add(pool.submit(() -> incrementLoop(winsEach)));
      }
      List<Integer> versions = new ArrayList<>();
      for (Future<List<Integer>> f : results) {
        versions.addAll(f.get(60, TimeUnit.SECONDS));
      }
      int total = writers * winsEach;
      assertThat(versions).hasSize(total).doesNotHaveDuplicates();
      assertThat(versions).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, total).boxed().toList());
      Versioned<InstanceRecord> last = store.instance(D1, "i-1").orElseThrow();
      assertThat(last.version()).isEqualTo(total);
      assertThat(last.value().updateCounter()).isEqualTo((long) total);
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Read, increment the counter, compare-and-set; retry on conflict. Returns the versions it won. */
  private List<Integer> incrementLoop(int wins) {
    List<Integer> won = new ArrayList<>();
    while (won.size() < wins) {
      Versioned<InstanceRecord> read = store.instance(D1, "i-1").orElseThrow();
      InstanceRecord next = read.value().toBuilder().updateCounter(read.value().updateCounter() + 1).build();
      try {
        won.add(store.updateInstance(D1, next, read.version(), Fence.NONE).version());
      } catch (EpumException e) {
        if (e.code() != ErrorCode.VERSION_CONFLICT) {
          throw e;
        }
      }
    }
    return won;
  }
}
