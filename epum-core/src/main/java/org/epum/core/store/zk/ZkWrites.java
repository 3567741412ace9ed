package org.epum.core.store.zk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.epum.core.domain.DefinitionRecord;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.Subscriber;
import org.epum.core.error.EpumException;
import org.epum.core.events.DomainEvent;
import org.epum.core.store.Fence;
import org.epum.core.store.RequestMark;
import org.epum.core.store.Versioned;
import org.epum.core.store.zk.Txn.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ZooKeeper store's mutations: each encodes and size-checks its record, builds its one
 * transaction (fence check, request mark, record, index and companion nodes, in that order),
 * commits it through the {@link Transactor} and waits until the cache shows it, so the writer
 * reads its own write. Thread-safe; callers block for the write's duration.
 */
final class ZkWrites {
  private static final Logger log = LoggerFactory.getLogger(ZkWrites.class);

  private final CuratorFramework client;
  private final ZkPaths paths;
  private final JsonCodec codec;
  private final SizeLimit limit;
  private final CacheView view;
  private final Transactor tx;
  private final DomainDeleter deleter;
  private final EpochBumper epochs;
  private final Duration cacheSyncTimeout;

  ZkWrites(CuratorFramework client, ZkPaths paths, JsonCodec codec, SizeLimit limit, CacheView view, Transactor tx,
      Duration cacheSyncTimeout) {
    this.client = client;
    this.paths = paths;
    this.codec = codec;
    this.limit = limit;
    this.view = view;
    this.tx = tx;
    this.deleter = new DomainDeleter(paths, view, tx, codec, ZkWrites::newWriteId);
    this.epochs = new EpochBumper(paths, codec, view, tx, ZkWrites::newWriteId);
    this.cacheSyncTimeout = cacheSyncTimeout;
  }

  Versioned<DefinitionRecord> createDefinition(DefinitionRecord definition, RequestMark mark) {
    String id = requireId("definition id", definition.id());
    String w = newWriteId();
    byte[] data = limit.definition(codec.definition(definition, w), id);
    Txn.Builder b = Txn.builder("creation of definition " + id, w);
    mark(b, mark, w).create(Role.RECORD, paths.definition(id), data, "definition " + id,
        "the store's definitions node is missing", "definition " + id + " already exists");
    commit(b.build());
    return new Versioned<>(codec.decodeDefinition(data).value(), 0);
  }

  Versioned<DefinitionRecord> updateDefinition(DefinitionRecord definition, int expectedVersion,
      RequestMark mark) {
    String id = requireId("definition id", definition.id());
    String w = newWriteId();
    byte[] data = limit.definition(codec.definition(definition, w), id);
    String path = paths.definition(id);
    Txn.Builder b = Txn.builder("update of definition " + id, w).baseVersion(cachedVersion(path));
    mark(b, mark, w).set(path, data, expectedVersion, "definition " + id, "definition " + id + " not found");
    return new Versioned<>(codec.decodeDefinition(data).value(), commit(b.build()).version());
  }

  void removeDefinition(String definitionId, int expectedVersion, RequestMark mark) {
    String id = requireId("definition id", definitionId);
    String w = newWriteId();
    Txn.Builder b = Txn.builder("removal of definition " + id, w);
    mark(b, mark, w).delete(Role.RECORD, paths.definition(id), expectedVersion, "definition " + id,
        "definition " + id + " not found");
    commit(b.build());
  }

  Versioned<DomainRecord> createDomain(DomainRecord domain, List<Subscriber> subscribers, RequestMark mark) {
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

  Versioned<DomainRecord> updateDomain(DomainRecord domain, int expectedVersion, RequestMark mark,
      Fence fence) {
    DomainKey key = domainKey(domain.key());
    String w = newWriteId();
    byte[] data = limit.domain(codec.domain(domain, w), key);
    String path = paths.domain(key);
    Txn.Builder b = Txn.builder("update of domain " + key, w).baseVersion(cachedVersion(path)).fence(paths, fence);
    mark(b, mark, w).set(path, data, expectedVersion, "domain " + key, "domain " + key + " not found");
    return new Versioned<>(codec.decodeDomain(data).value(), commit(b.build()).version());
  }

  void deleteDomain(DomainKey key, Fence fence) {
    DomainKey k = domainKey(key);
    awaitVisible(deleter.delete(k, fence), "deletion of domain " + k);
  }

  Versioned<List<Subscriber>> setSubscribers(DomainKey key, List<Subscriber> subscribers, int expectedVersion,
      RequestMark mark) {
    DomainKey k = domainKey(key);
    String w = newWriteId();
    byte[] data = limit.subscribers(codec.subscribers(List.copyOf(subscribers), w), k);
    String path = paths.subscribers(k);
    Txn.Builder b = Txn.builder("update of domain " + k + "'s subscribers", w).baseVersion(cachedVersion(path));
    mark(b, mark, w).set(path, data, expectedVersion, "subscriber list of domain " + k, "domain " + k + " not found");
    return new Versioned<>(codec.decodeSubscribers(data).value(), commit(b.build()).version());
  }

  Versioned<InstanceRecord> createInstance(DomainKey key, InstanceRecord instance, Fence fence) {
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

  Versioned<InstanceRecord> updateInstance(DomainKey key, InstanceRecord instance, int expectedVersion,
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

  void deleteInstance(DomainKey key, String instanceId, int expectedVersion, Fence fence) {
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

  /** Appends events after the cached last sequence, trimming the oldest beyond {@code maxEvents}. */
  List<DomainEvent> appendEvents(DomainKey key, List<DomainEvent> events, Fence fence, int maxEvents) {
    DomainKey k = domainKey(key);
    var cached = view.events(k);
    long next = cached.isEmpty() ? 1 : cached.lastKey() + 1;
    String w = newWriteId();
    Txn.Builder b = Txn.builder("append of " + events.size() + " event(s) to domain " + k, w).fence(paths, fence);
    if (view.stat(paths.events(k)).isEmpty()) {
      b.create(Role.PART, paths.events(k), codec.marker(w), "event log of domain " + k, "domain " + k + " not found",
          "the event log of domain " + k + " was created concurrently; retry");
    }
    List<DomainEvent> appended = new ArrayList<>();
    for (DomainEvent e : events) {
      DomainEvent numbered = new DomainEvent(next++, e.time(), e.body());
      byte[] data = limit.event(codec.event(numbered, w), k);
      b.create(Role.PART, paths.event(k, numbered.sequence()), data, "event " + numbered.sequence() + " of domain " + k,
          "domain " + k + " not found", "event " + numbered.sequence() + " of domain " + k
              + " was written concurrently; retry");
      appended.add(numbered);
    }
    int excess = cached.size() + events.size() - maxEvents;
    for (Long old : cached.keySet()) {
      if (excess-- <= 0) {
        break;
      }
      b.delete(Role.PART, paths.event(k, old), -1, "old event " + old + " of domain " + k,
          "old event " + old + " of domain " + k + " was already trimmed; retry");
    }
    commit(b.build());
    return appended;
  }

  long bumpEpoch(String role) {
    requireId("role", role);
    Transactor.Committed c = epochs.bump(role);
    awaitVisible(c.waits(), "epoch bump of role " + role);
    return c.version() + 1L;
  }

  private Transactor.Committed commit(Txn txn) {
    Transactor.Committed c;
    try {
      c = tx.commit(txn);
    } catch (EpumException e) {
      if (e.code() == org.epum.core.error.ErrorCode.VERSION_CONFLICT) {
        catchUp(txn);
      }
      throw e;
    }
    awaitVisible(c.waits(), txn.description());
    return c;
  }

  /**
   * After a lost compare-and-set, waits until the cache shows the newer version the write lost to
   * (read once, directly), so the caller's re-read sees it instead of spinning on a stale copy.
   */
  private void catchUp(Txn txn) {
    String path = txn.steps().get(txn.primaryIndex()).path();
    try {
      org.apache.zookeeper.data.Stat stat = client.checkExists().forPath(path);
      if (stat != null) {
        awaitVisible(List.of(new CacheWait.Written(path, stat.getMzxid())), "catch-up after a conflict on " + path);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.debug("could not catch the cache up on {}: {}", path, e.toString());
    }
  }

  /** Read-your-writes: the write has landed; wait (bounded) until this store's reads show it too. */
  private void awaitVisible(List<CacheWait> waits, String what) {
    try {
      if (!view.await(waits, cacheSyncTimeout)) {
        log.warn("the store's cache did not show the {} within {}; reads may lag it briefly", what,
            cacheSyncTimeout);
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
  void ensureNode(String path) {
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

  static DomainKey domainKey(DomainKey key) {
    requireId("owner", key.owner());
    requireId("domain id", key.domainId());
    return key;
  }

  static String requireId(String kind, String value) {
    if (value == null || value.isEmpty()) {
      throw EpumException.invalidArgument(kind + " is required");
    }
    return value;
  }

  static String newWriteId() {
    return UUID.randomUUID().toString();
  }
}
