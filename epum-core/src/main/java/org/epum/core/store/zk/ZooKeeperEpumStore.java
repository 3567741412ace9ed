package org.epum.core.store.zk;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheStorage;
import org.epum.core.domain.DefinitionRecord;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.Subscriber;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.events.DomainEvent;
import org.epum.core.events.DomainEventLog;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;
import org.epum.core.store.RequestMark;
import org.epum.core.store.StoreListener;
import org.epum.core.store.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EpumStore} on ZooKeeper, over a Curator client it is given (started by the caller,
 * never closed here). Layout in {@link ZkPaths}, records as JSON ({@link JsonRecords}).
 *
 * <p>Every mutation is one multi with its version check, index entries, request mark and fence
 * check; a write interrupted by a dropped connection is resolved by its write id before returning
 * (see {@link Transactor}). Reads come only from an in-memory view kept current by a
 * {@code CuratorCache} (persistent recursive watch) on the root; a write returns once that view
 * shows it. Reads fail STORE_UNAVAILABLE while the client is disconnected.
 *
 * <p>Lifecycle: construct with a started Curator client, {@link #start()} (blocks until the cache
 * is loaded), use, {@link #close()} before the client is closed. Listeners run on the store's own
 * event thread. Thread-safe; do not call it from inside a Curator operation on the same thread
 * (Curator shares one retry loop per thread).
 */
public final class ZooKeeperEpumStore implements EpumStore, DomainEventLog {
  /** Events kept per domain; older ones are dropped as new ones come. */
  public static final int MAX_EVENTS_PER_DOMAIN = 500;

  private static final Logger log = LoggerFactory.getLogger(ZooKeeperEpumStore.class);

  private enum State { LATENT, STARTED, CLOSED }

  private final CuratorFramework client;
  private final ZkStoreOptions options;
  private final ZkPaths paths;
  private final StoreListeners listeners = new StoreListeners();
  private final CacheView view;
  private final ZkWire wire;
  private final ZkWrites writes;
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private volatile CuratorCache cache;

  /** Builds the store; nothing is read or started until {@link #start()}. */
  public ZooKeeperEpumStore(CuratorFramework client, ZkStoreOptions options) {
    this(client, options, new CuratorZkWire(requireNonNull(client, "client")));
  }

  /** For tests that need to interfere with the store's own ZooKeeper calls. */
  ZooKeeperEpumStore(CuratorFramework client, ZkStoreOptions options, ZkWire wire) {
    this.client = requireNonNull(client, "client");
    this.options = requireNonNull(options, "options");
    this.wire = requireNonNull(wire, "wire");
    this.paths = new ZkPaths(options.root());
    JsonCodec codec = new JsonCodec();
    this.view = new CacheView(paths, codec, listeners);
    Transactor tx = new Transactor(client.getZookeeperClient(), wire, codec, view, paths.root());
    this.writes = new ZkWrites(client, paths, codec, new SizeLimit(options.maxRecordBytes()), view, tx,
        options.cacheSyncTimeout());
  }

  /**
   * Creates the base znodes if absent, starts the cache and waits (up to the options' start
   * timeout) for its first full load.
   *
   * @throws EpumException STORE_UNAVAILABLE if ZooKeeper cannot be reached or the load does not finish in
   *     time; the store is then closed (build a new one to try again)
   */
  public void start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("the store was already started");
    }
    try {
      paths.basePaths().forEach(writes::ensureNode);
      cache = CuratorCache.builder(client, paths.root()).withStorage(CuratorCacheStorage.dataNotCached())
          .withExceptionHandler(e -> log.warn("store cache error root={}: {}", paths.root(), e.toString())).build();
      cache.listenable().addListener(view);
      cache.start();
      if (!view.awaitInitialised(options.startTimeout())) {
        throw EpumException.storeUnavailable("the store's cache of " + paths.root() + " did not finish loading within "
            + options.startTimeout() + "; check that ZooKeeper is reachable and retry", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw EpumException.storeUnavailable("interrupted while the store's cache was loading", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    log.info("store started root={}", paths.root());
  }

  /** How many reads the store sent to ZooKeeper itself (not through its cache): 0 on the normal read path. */
  public long directReads() {
    return wire.directReads();
  }

  /** How many write transactions (multis) the store sent to ZooKeeper, each one or more znode writes. */
  public long writeTransactions() {
    return wire.writes();
  }

  /** This store's znode layout, for code that adds to it (leader elections, domain events). */
  public ZkPaths paths() {
    return paths;
  }

  // ---- definitions ----

  @Override
  public Versioned<DefinitionRecord> createDefinition(DefinitionRecord definition, RequestMark mark) {
    return writes().createDefinition(definition, mark);
  }

  @Override
  public Versioned<DefinitionRecord> updateDefinition(DefinitionRecord definition, int expectedVersion,
      RequestMark mark) {
    return writes().updateDefinition(definition, expectedVersion, mark);
  }

  @Override
  public void removeDefinition(String definitionId, int expectedVersion, RequestMark mark) {
    writes().removeDefinition(definitionId, expectedVersion, mark);
  }

  @Override
  public Optional<Versioned<DefinitionRecord>> definition(String definitionId) {
    readable();
    return view.definition(definitionId).map(n -> new Versioned<>(n.value(), n.version()));
  }

  @Override
  public List<String> definitionIds() {
    readable();
    return view.definitionIds();
  }

  // ---- domains ----

  @Override
  public Versioned<DomainRecord> createDomain(DomainRecord domain, List<Subscriber> subscribers, RequestMark mark) {
    return writes().createDomain(domain, subscribers, mark);
  }

  @Override
  public Versioned<DomainRecord> updateDomain(DomainRecord domain, int expectedVersion, RequestMark mark,
      Fence fence) {
    return writes().updateDomain(domain, expectedVersion, mark, fence);
  }

  @Override
  public void deleteDomain(DomainKey key, Fence fence) {
    writes().deleteDomain(key, fence);
  }

  @Override
  public Optional<Versioned<DomainRecord>> domain(DomainKey key) {
    readable();
    return view.domain(key).map(n -> new Versioned<>(n.value(), n.version()));
  }

  @Override
  public List<DomainKey> domains(String owner) {
    readable();
    return view.domains(owner);
  }

  @Override
  public List<DomainKey> allDomains() {
    readable();
    return view.allDomains();
  }

  // ---- subscribers ----

  @Override
  public Versioned<List<Subscriber>> subscribers(DomainKey key) {
    readable();
    return view.domain(key).flatMap(d -> view.subscribers(key)).map(n -> new Versioned<>(n.value(), n.version()))
        .orElseThrow(() -> EpumException.notFound("domain " + key + " not found"));
  }

  @Override
  public Versioned<List<Subscriber>> setSubscribers(DomainKey key, List<Subscriber> subscribers, int expectedVersion,
      RequestMark mark) {
    return writes().setSubscribers(key, subscribers, expectedVersion, mark);
  }

  // ---- instances ----

  @Override
  public Versioned<InstanceRecord> createInstance(DomainKey key, InstanceRecord instance, Fence fence) {
    return writes().createInstance(key, instance, fence);
  }

  @Override
  public Versioned<InstanceRecord> updateInstance(DomainKey key, InstanceRecord instance, int expectedVersion,
      Fence fence) {
    return writes().updateInstance(key, instance, expectedVersion, fence);
  }

  @Override
  public void deleteInstance(DomainKey key, String instanceId, int expectedVersion, Fence fence) {
    writes().deleteInstance(key, instanceId, expectedVersion, fence);
  }

  @Override
  public Optional<Versioned<InstanceRecord>> instance(DomainKey key, String instanceId) {
    readable();
    return view.instance(key, instanceId).map(n -> new Versioned<>(n.value(), n.version()));
  }

  @Override
  public List<Versioned<InstanceRecord>> instances(DomainKey key) {
    readable();
    return view.instances(key).stream().map(n -> new Versioned<>(n.value(), n.version())).toList();
  }

  @Override
  public Optional<DomainKey> domainOfInstance(String instanceId) {
    readable();
    return view.domainOfInstance(instanceId);
  }

  // ---- request marks, epochs ----

  @Override
  public Optional<RequestMark> request(String owner, String requestId) {
    readable();
    return view.request(owner, requestId);
  }

  @Override
  public long epoch(String role) {
    readable();
    return view.epoch(role);
  }

  @Override
  public long bumpEpoch(String role) {
    return writes().bumpEpoch(role);
  }

  // ---- observation, lifecycle ----

  // ---- domain events ----

  @Override
  public List<DomainEvent> append(DomainKey key, List<DomainEvent> events, Fence fence) {
    requireStarted();
    if (events.isEmpty()) {
      return List.of();
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return writes().appendEvents(key, events, fence, MAX_EVENTS_PER_DOMAIN);
      } catch (EpumException e) {
        // Another replica appended (or trimmed) at the same sequence numbers: re-number and retry.
        if ((e.code() != ErrorCode.ALREADY_EXISTS && e.code() != ErrorCode.NOT_FOUND) || attempt >= 8
            || domain(key).isEmpty()) {
          throw e;
        }
      }
    }
  }

  @Override
  public List<DomainEvent> read(DomainKey key, long afterSequence, int limit) {
    readable();
    return view.events(key).tailMap(afterSequence, false).values().stream().limit(Math.max(0, limit)).toList();
  }

  @Override
  public long lastSequence(DomainKey key) {
    readable();
    var events = view.events(key);
    return events.isEmpty() ? 0 : events.lastKey();
  }

  @Override
  public boolean isAvailable() {
    return state.get() == State.STARTED && client.getZookeeperClient().isConnected();
  }

  @Override
  public AutoCloseable addListener(StoreListener listener) {
    return listeners.add(listener);
  }

  /** Stops the cache and the listener thread; the Curator client stays open (its owner closes it). */
  @Override
  public void close() {
    if (state.getAndSet(State.CLOSED) == State.CLOSED) {
      return;
    }
    CuratorCache c = cache;
    if (c != null) {
      c.close();
    }
    view.wakeAll();
    listeners.close();
    log.info("store closed root={}", paths.root());
  }

  // ---- helpers ----

  private ZkWrites writes() {
    requireStarted();
    return writes;
  }

  private void readable() {
    requireStarted();
    if (!client.getZookeeperClient().isConnected()) {
      throw EpumException.storeUnavailable("the store is unreachable (ZooKeeper connection suspended or lost);"
          + " reads are refused until it reconnects; the call may be retried", null);
    }
  }

  private void requireStarted() {
    State s = state.get();
    if (s != State.STARTED) {
      throw new IllegalStateException(s == State.LATENT ? "the store was not started" : "the store is closed");
    }
  }
}
