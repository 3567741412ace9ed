package org.epum.core.store.zk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.data.Stat;
import org.epum.core.domain.DefinitionRecord;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.Subscriber;
import org.epum.core.events.DomainEvent;
import org.epum.core.store.RequestMark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's decoded copy of its ZooKeeper tree, fed by a {@code CuratorCache} on the root, so
 * reads never decode JSON or touch ZooKeeper. Updated only by the cache's event thread; each update
 * makes the decoded value visible first, then the node's stat (what writers wait on), then tells
 * the store's listeners. Reads are lock-free and thread-safe.
 */
final class CacheView implements CuratorCacheListener {
  private static final Logger log = LoggerFactory.getLogger(CacheView.class);
  private static final Comparator<DomainKey> BY_OWNER_THEN_ID =
      Comparator.comparing(DomainKey::owner).thenComparing(DomainKey::domainId);

  private record RequestKey(String owner, String requestId) {}

  private final ZkPaths paths;
  private final JsonCodec codec;
  private final StoreListeners listeners;

  private final Map<String, NodeStat> stats = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<String, CachedNode<DefinitionRecord>> definitions = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<DomainKey, CachedNode<DomainRecord>> domains =
      new ConcurrentSkipListMap<>(BY_OWNER_THEN_ID);
  private final Map<DomainKey, CachedNode<List<Subscriber>>> subscribers = new ConcurrentHashMap<>();
  private final Map<DomainKey, ConcurrentSkipListMap<String, CachedNode<InstanceRecord>>> instances =
      new ConcurrentHashMap<>();
  private final Map<String, DomainKey> index = new ConcurrentHashMap<>();
  private final Map<DomainKey, ConcurrentSkipListMap<Long, DomainEvent>> events = new ConcurrentHashMap<>();
  private final Map<RequestKey, RequestMark> requests = new ConcurrentHashMap<>();
  private final Map<String, Integer> epochVersions = new ConcurrentHashMap<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final CountDownLatch initialised = new CountDownLatch(1);

  CacheView(ZkPaths paths, JsonCodec codec, StoreListeners listeners) {
    this.paths = paths;
    this.codec = codec;
    this.listeners = listeners;
  }

  // ---- fed by the CuratorCache (its single event thread) ----

  @Override
  public void event(Type type, ChildData oldData, ChildData data) {
    try {
      if (type == Type.NODE_DELETED) {
        removed(oldData.getPath());
      } else {
        stored(data.getPath(), data.getStat(), data.getData());
      }
    } finally {
      signal();
    }
  }

  @Override
  public void initialized() {
    initialised.countDown();
    signal();
  }

  private void stored(String path, Stat stat, byte[] data) {
    ZkLocation at = paths.parse(path);
    try {
      decodeInto(at, stat, data);
    } catch (RuntimeException e) {
      // A record this version cannot read is left out of reads rather than stopping the cache.
      log.warn("cannot decode znode path={}: {}", path, e.getMessage());
      forget(at);
    }
    stats.put(path, new NodeStat(stat.getVersion(), stat.getCzxid(), stat.getMzxid()));
    announce(at, at instanceof ZkLocation.IndexEntry e ? index.get(e.instanceId()) : null);
  }

  private void decodeInto(ZkLocation at, Stat stat, byte[] data) {
    int v = stat.getVersion();
    long z = stat.getMzxid();
    if (at instanceof ZkLocation.Definition d) {
      definitions.put(d.definitionId(), new CachedNode<>(codec.decodeDefinition(data).value(), v, z));
    } else if (at instanceof ZkLocation.Domain d) {
      domains.put(d.key(), new CachedNode<>(codec.decodeDomain(data).value(), v, z));
    } else if (at instanceof ZkLocation.Subscribers s) {
      subscribers.put(s.key(), new CachedNode<>(codec.decodeSubscribers(data).value(), v, z));
    } else if (at instanceof ZkLocation.Instance i) {
      instances.computeIfAbsent(i.key(), k -> new ConcurrentSkipListMap<>())
          .put(i.instanceId(), new CachedNode<>(codec.decodeInstance(data).value(), v, z));
    } else if (at instanceof ZkLocation.Event e) {
      events.computeIfAbsent(e.key(), k -> new ConcurrentSkipListMap<>()).put(e.sequence(),
          codec.decodeEvent(data).value());
    } else if (at instanceof ZkLocation.IndexEntry e) {
      index.put(e.instanceId(), codec.decodeIndexEntry(data).value());
    } else if (at instanceof ZkLocation.Request r) {
      requests.put(new RequestKey(r.owner(), r.requestId()), codec.decodeMark(data).value());
    } else if (at instanceof ZkLocation.Epoch e) {
      epochVersions.put(e.role(), v);
    }
  }

  private void removed(String path) {
    ZkLocation at = paths.parse(path);
    DomainKey indexed = at instanceof ZkLocation.IndexEntry e ? index.get(e.instanceId()) : null;
    forget(at);
    stats.remove(path);
    announce(at, indexed);
  }

  private void forget(ZkLocation at) {
    if (at instanceof ZkLocation.Definition d) {
      definitions.remove(d.definitionId());
    } else if (at instanceof ZkLocation.Domain d) {
      domains.remove(d.key());
    } else if (at instanceof ZkLocation.Subscribers s) {
      subscribers.remove(s.key());
    } else if (at instanceof ZkLocation.Instance i) {
      instances.computeIfPresent(i.key(), (k, m) -> {
        m.remove(i.instanceId());
        return m.isEmpty() ? null : m;
      });
    } else if (at instanceof ZkLocation.Event e) {
      events.computeIfPresent(e.key(), (k, m) -> {
        m.remove(e.sequence());
        return m.isEmpty() ? null : m;
      });
    } else if (at instanceof ZkLocation.IndexEntry e) {
      index.remove(e.instanceId());
    } else if (at instanceof ZkLocation.Request r) {
      requests.remove(new RequestKey(r.owner(), r.requestId()));
    } else if (at instanceof ZkLocation.Epoch e) {
      epochVersions.remove(e.role());
    }
  }

  /** @param indexed for an index entry, the domain it names (an index change is told as an instance change) */
  private void announce(ZkLocation at, DomainKey indexed) {
    if (at instanceof ZkLocation.Definition d) {
      listeners.definitionChanged(d.definitionId());
    } else if (at instanceof ZkLocation.Domain d) {
      listeners.domainChanged(d.key());
    } else if (at instanceof ZkLocation.Subscribers s) {
      listeners.domainChanged(s.key());
    } else if (at instanceof ZkLocation.Instance i) {
      listeners.instanceChanged(i.key(), i.instanceId());
    } else if (at instanceof ZkLocation.IndexEntry e && indexed != null) {
      listeners.instanceChanged(indexed, e.instanceId());
    } else if (at instanceof ZkLocation.Event e) {
      listeners.eventsChanged(e.key());
    }
  }

  private void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  // ---- waiting ----

  boolean awaitInitialised(Duration timeout) throws InterruptedException {
    return initialised.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Waits until every condition holds; false on timeout. Woken by cache updates, never by polling. */
  boolean await(Collection<CacheWait> waits, Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (!waits.stream().allMatch(w -> w.isMet(this))) {
        if (nanos <= 0) {
          return false;
        }
        nanos = changed.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes waiters so they re-check (used on close). */
  void wakeAll() {
    signal();
  }

  // ---- reads ----

  Optional<NodeStat> stat(String path) {
    return Optional.ofNullable(stats.get(path));
  }

  /** Every cached path strictly below {@code path}. */
  List<String> pathsUnder(String path) {
    String prefix = path + "/";
    List<String> out = new ArrayList<>();
    for (String p : stats.keySet()) {
      if (p.startsWith(prefix)) {
        out.add(p);
      }
    }
    return out;
  }

  /** The domain's cached events, by sequence. */
  NavigableMap<Long, DomainEvent> events(DomainKey key) {
    var m = events.get(key);
    return m == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(m);
  }

  Optional<CachedNode<DefinitionRecord>> definition(String id) {
    return Optional.ofNullable(definitions.get(id));
  }

  List<String> definitionIds() {
    return List.copyOf(definitions.keySet());
  }

  Optional<CachedNode<DomainRecord>> domain(DomainKey key) {
    return Optional.ofNullable(domains.get(key));
  }

  List<DomainKey> domains(String owner) {
    List<DomainKey> out = new ArrayList<>();
    for (DomainKey k : domains.tailMap(new DomainKey(owner, ""), true).keySet()) {
      if (!k.owner().equals(owner)) {
        break;
      }
      out.add(k);
    }
    return out;
  }

  List<DomainKey> allDomains() {
    return List.copyOf(domains.keySet());
  }

  Optional<CachedNode<List<Subscriber>>> subscribers(DomainKey key) {
    return Optional.ofNullable(subscribers.get(key));
  }

  Optional<CachedNode<InstanceRecord>> instance(DomainKey key, String instanceId) {
    var m = instances.get(key);
    return m == null ? Optional.empty() : Optional.ofNullable(m.get(instanceId));
  }

  List<CachedNode<InstanceRecord>> instances(DomainKey key) {
    var m = instances.get(key);
    return m == null ? List.of() : List.copyOf(m.values());
  }

  Optional<DomainKey> domainOfInstance(String instanceId) {
    return Optional.ofNullable(index.get(instanceId));
  }

  Optional<RequestMark> request(String owner, String requestId) {
    return Optional.ofNullable(requests.get(new RequestKey(owner, requestId)));
  }

  /** The role's epoch: its znode version plus one, or 0 when the role was never bumped. */
  long epoch(String role) {
    Integer v = epochVersions.get(role);
    return v == null ? 0 : v + 1L;
  }
}
