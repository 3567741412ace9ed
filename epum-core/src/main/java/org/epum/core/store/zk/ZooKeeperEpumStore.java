package org.epum.core.store.zk;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheStorage;
import org.apache.zookeeper.KeeperException;
import org.epum.core.domain.DefinitionRecord;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.Subscriber;
import org.epum.core.error.EpumException;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;
import org.epum.core.store.RequestMark;
import org.epum.core.store.StoreListener;
import org.epum.core.store.Versioned;
import org.epum.core.store.zk.Txn.Role;
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
 * <p>Lifecycle: construct, {@link #start()} (blocks until the cache is loaded), use, {@link #close()}.
 * Listeners run on the store's own event thread. Thread-safe.
 */
public final class ZooKeeperEpumStore implements EpumStore {
  private static final Logger log = LoggerFactory.getLogger(ZooKeeperEpumStore.class);

  private enum State { LATENT, STARTED, CLOSED }

  private final CuratorFramework client;
  private final ZkStoreOptions options;
  private final ZkPaths paths;
  private final JsonCodec codec = new JsonCodec();
  private final SizeLimit limit;
  private final StoreListeners listeners = new StoreListeners();
  private final CacheView view;
  private final ZkWire wire;
  private final Transactor tx;
  private final DomainDeleter deleter;
  private final EpochBumper epochs;
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
    this.limit = new SizeLimit(options.maxRecordBytes());
    this.view = new CacheView(paths, codec, listeners);
    this.tx = new Transactor(client.getZookeeperClient(), wire, codec, view, paths.root());
    this.deleter = new DomainDeleter(paths, view, tx, codec, ZooKeeperEpumStore::newWriteId);
    this.epochs = new EpochBumper(paths, codec, view, tx, ZooKeeperEpumStore::newWriteId);
  }

  /**
   * Creates the base znodes if absent, starts the cache and waits (up to the options' start
   * timeout) for its first full load.
   *
   * @throws EpumException STORE_UNAVAILABLE if ZooKeeper cannot be reached or the load does not finish in time
   */
  public void start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("the store was already started");
    }
    paths.basePaths().forEach(this::ensureNode);
    cache = CuratorCache.builder(client, paths.root()).withStorage(CuratorCacheStorage.dataNotCached())
        .withExceptionHandler(e -> log.warn("store cache error root={}: {}", paths.root(), e.toString())).build();
    cache.listenable().addListener(view);
    cache.start();
    try {
      if (!view.awaitInitialised(options.startTimeout())) {
        throw EpumException.storeUnavailable("the store's cache of " + paths.root() + " did not finish loading within "
            + options.startTimeout() + "; check that ZooKeeper is reachable and retry", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw EpumException.storeUnavailable("interrupted while the store's cache was loading", e);
    }
    log.info("store started root={}", paths.root());
  }

  /** How many reads the store sent to ZooKeeper itself (not through its cache): 0 on the normal read path. */
  public long directReads() {
    return wire.directReads();
  }

  public ZkPaths paths() {
    return paths;
  }

  // ---- definitions ----

  @Override
  public Versioned<DefinitionRecord> createDefinition(DefinitionRecord definition, RequestMark mark) {
    String id = requireId("definition id", definition.id());
    String w = newWriteId();
    byte[] data = limit.definition(codec.definition(definition, w), id);
    Txn.Builder b = Txn.builder("creation of definition " + id, w);
    mark(b, mark, w).create(Role.RECORD, paths.definition(id), data, "definition " + id,
        "the store's definitions node is missing", "definition " + id + " already exists");
    commit(b.build());
    return new Versioned<>(codec.decodeDefinition(data).value(), 0);
  }

  @Override
  public Versioned<DefinitionRecord> updateDefinition(DefinitionRecord definition, int expectedVersion,
      RequestMark mark) {
    String id = requireId("definition id", definition.id());
    String w = newWriteId();
    byte[] data = limit.definition(codec.definition(definition, w), id);
    String path = paths.definition(id);
    Txn.Builder b = Txn.builder("update of definition " + id, w).baseVersion(cachedVersion(path));
    mark(b, mark, w).set(path, data, expectedVersion, "definition " + id, "definition " + id + " not found");
    return new Versioned<>(codec.decodeDefinition(data).value(), commit(b.build()).version());
  }

  @Override
  public void removeDefinition(String definitionId, int expectedVersion, RequestMark mark) {
    String id = requireId("definition id", definitionId);
    String w = newWriteId();
    Txn.Builder b = Txn.builder("removal of definition " + id, w);
    mark(b, mark, w).delete(Role.RECORD, paths.definition(id), expectedVersion, "definition " + id,
        "definition " + id + " not found");
    commit(b.build());
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
    DomainKey key = domainKey(domain.key());
    String w = newWriteId();
    byte[] data = limit.domain(codec.domain(domain, w), key);
    byte[] subs = limit.subscribers(codec.subscribers(List.copyOf(subscribers), w), key);
    ensureNode(paths.ownerDomains(key.owner()));
    String exists = "domain " + key + " already exists";
    Txn.Builder b = Txn.builder("creation of domain " + key, w);
    mark(b, mark, w)
        .create(Role.RECORD, paths.domain(key), data, "domain " + key, "the owner's domains node is missing", exists)
        .create(Role.PART, paths.subscribers(key), subs, "subscribers of domain " + key, "domain " + key
            + " not found", exists)
        .create(Role.PART, paths.instances(key), codec.marker(w), "instances of domain " + key, "domain " + key
            + " not found", exists);
    commit(b.build());
    return new Versioned<>(codec.decodeDomain(data).value(), 0);
  }

  @Override
  public Versioned<DomainRecord> updateDomain(DomainRecord domain, int expectedVersion, RequestMark mark,
      Fence fence) {
    DomainKey key = domainKey(domain.key());
    String w = newWriteId();
    byte[] data = limit.domain(codec.domain(domain, w), key);
    String path = paths.domain(key);
    Txn.Builder b = Txn.builder("update of domain " + key, w).baseVersion(cachedVersion(path)).fence(paths, fence);
    mark(b, mark, w).set(path, data, expectedVersion, "domain " + key, "domain " + key + " not found");
    return new Versioned<>(codec.decodeDomain(data).value(), commit(b.build()).version());
  }

  @Override
  public void deleteDomain(DomainKey key, Fence fence) {
    requireStarted();
    DomainKey k = domainKey(key);
    awaitVisible(deleter.delete(k, fence), "deletion of domain " + k);
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
    DomainKey k = domainKey(key);
    String w = newWriteId();
    byte[] data = limit.subscribers(codec.subscribers(List.copyOf(subscribers), w), k);
    String path = paths.subscribers(k);
    Txn.Builder b = Txn.builder("update of domain " + k + "'s subscribers", w).baseVersion(cachedVersion(path));
    mark(b, mark, w).set(path, data, expectedVersion, "subscriber list of domain " + k, "domain " + k + " not found");
    return new Versioned<>(codec.decodeSubscribers(data).value(), commit(b.build()).version());
  }

  // ---- instances ----

  @Override
  public Versioned<InstanceRecord> createInstance(DomainKey key, InstanceRecord instance, Fence fence) {
    DomainKey k = domainKey(key);
    String id = requireId("instance id", instance.instanceId());
    String w = newWriteId();
    byte[] data = limit.instance(codec.instance(instance, w), id);
    String usedBy = view.domainOfInstance(id).map(d -> " by domain " + d).orElse(" in another domain");
    Txn.Builder b = Txn.builder("creation of instance " + id + " in domain " + k, w).fence(paths, fence)
        .create(Role.RECORD, paths.instance(k, id), data, "instance " + id + " of domain " + k,
            "domain " + k + " not found", "instance " + id + " already exists in domain " + k)
        .create(Role.INDEX, paths.indexEntry(id), codec.indexEntry(k, w), "index entry of instance " + id,
            "the store's instance index node is missing", "instance id " + id + " is already used" + usedBy);
    commit(b.build());
    return new Versioned<>(codec.decodeInstance(data).value(), 0);
  }

  @Override
  public Versioned<InstanceRecord> updateInstance(DomainKey key, InstanceRecord instance, int expectedVersion,
      Fence fence) {
    DomainKey k = domainKey(key);
    String id = requireId("instance id", instance.instanceId());
    String w = newWriteId();
    byte[] data = limit.instance(codec.instance(instance, w), id);
    String path = paths.instance(k, id);
    String subject = "instance " + id + " of domain " + k;
    Txn txn = Txn.builder("update of " + subject, w).baseVersion(cachedVersion(path)).fence(paths, fence)
        .set(path, data, expectedVersion, subject, subject + " not found").build();
    return new Versioned<>(codec.decodeInstance(data).value(), commit(txn).version());
  }

  @Override
  public void deleteInstance(DomainKey key, String instanceId, int expectedVersion, Fence fence) {
    DomainKey k = domainKey(key);
    String id = requireId("instance id", instanceId);
    String subject = "instance " + id + " of domain " + k;
    Txn txn = Txn.builder("deletion of " + subject, newWriteId()).fence(paths, fence)
        .delete(Role.RECORD, paths.instance(k, id), expectedVersion, subject, subject + " not found")
        .delete(Role.INDEX, paths.indexEntry(id), -1, "index entry of instance " + id,
            "the index entry of instance " + id + " is missing")
        .build();
    commit(txn);
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
    requireStarted();
    requireId("role", role);
    Transactor.Committed c = epochs.bump(role);
    awaitVisible(c.waits(), "epoch bump of role " + role);
    return c.version() + 1L;
  }

  // ---- observation, lifecycle ----

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

  private Transactor.Committed commit(Txn txn) {
    requireStarted();
    Transactor.Committed c = tx.commit(txn);
    awaitVisible(c.waits(), txn.description());
    return c;
  }

  /** Read-your-writes: the write has landed; wait (bounded) until this store's reads show it too. */
  private void awaitVisible(List<CacheWait> waits, String what) {
    try {
      if (!view.await(waits, options.cacheSyncTimeout())) {
        log.warn("the store's cache did not show the {} within {}; reads may lag it briefly", what,
            options.cacheSyncTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Txn.Builder mark(Txn.Builder b, RequestMark mark, String writeId) {
    if (mark.isNone()) {
      return b;
    }
    requireId("request owner", mark.owner());
    ensureNode(paths.ownerRequests(mark.owner()));
    return b.mark(paths.request(mark.owner(), mark.requestId()), codec.mark(mark, writeId), mark.requestId());
  }

  /** Creates a directory znode unless the cache already shows it; safe to repeat. */
  private void ensureNode(String path) {
    if (view.stat(path).isPresent()) {
      return;
    }
    try {
      client.create().creatingParentsIfNeeded().forPath(path, new byte[0]);
    } catch (KeeperException.NodeExistsException e) {
      // already there: what we wanted
    } catch (KeeperException e) {
      throw Transactor.unavailable("creation of " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Transactor.unavailable("creation of " + path, e);
    } catch (Exception e) {
      throw EpumException.internal("could not create store node " + path, e);
    }
  }

  private int cachedVersion(String path) {
    return view.stat(path).map(NodeStat::version).orElse(-1);
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

  private static DomainKey domainKey(DomainKey key) {
    requireId("owner", key.owner());
    requireId("domain id", key.domainId());
    return key;
  }

  private static String requireId(String kind, String value) {
    if (value == null || value.isEmpty()) {
      throw EpumException.invalidArgument(kind + " is required");
    }
    return value;
  }

  private static String newWriteId() {
    return UUID.randomUUID().toString();
  }
}
