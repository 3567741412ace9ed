package org.epum.core.store.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.epum.core.domain.DefinitionRecord;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.Subscriber;
import org.epum.core.error.EpumException;
import org.epum.core.events.DomainEvent;
import org.epum.core.events.DomainEventLog;
import org.epum.core.store.DuplicateRequestException;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;
import org.epum.core.store.RequestMark;
import org.epum.core.store.StoreListener;
import org.epum.core.store.Versioned;
import org.epum.core.store.zk.StoreListeners;
import org.epum.core.store.zk.StoredForm;
import org.epum.core.store.zk.ZkStoreOptions;
import static org.epum.core.store.memory.MemoryChecks.checkVersion;
import static org.epum.core.store.memory.MemoryChecks.next;

/**
 * The {@link EpumStore} in one process's memory, for tests and {@code --store memory}. Same
 * contract as the ZooKeeper store: versions from 0, request marks, fences against its own epochs,
 * the same size limit and value normalisation ({@link StoredForm}), the same check order (fence,
 * request mark, record, index) and listeners called afterwards on a store-owned thread. One lock
 * guards everything. Always available; thread-safe.
 */
public final class InMemoryEpumStore implements EpumStore, DomainEventLog {
  private static final Comparator<DomainKey> BY_OWNER_THEN_ID =
      Comparator.comparing(DomainKey::owner).thenComparing(DomainKey::domainId);

  private final ReentrantLock lock = new ReentrantLock();
  private final StoredForm form;
  private final StoreListeners listeners = new StoreListeners();
  private final TreeMap<String, Versioned<DefinitionRecord>> definitions = new TreeMap<>();
  private final TreeMap<DomainKey, Versioned<DomainRecord>> domains = new TreeMap<>(BY_OWNER_THEN_ID);
  private final Map<DomainKey, Versioned<List<Subscriber>>> subscribers = new HashMap<>();
  private final Map<DomainKey, TreeMap<String, Versioned<InstanceRecord>>> instances = new HashMap<>();
  private final Map<String, DomainKey> index = new HashMap<>();
  private final Map<DomainKey, TreeMap<Long, DomainEvent>> events = new HashMap<>();
  private final Map<DomainKey, Long> lastEvent = new HashMap<>();
  private final MemoryChecks checks = new MemoryChecks();
  private volatile boolean closed;

  /** A store with the ZooKeeper store's default record size limit. */
  public InMemoryEpumStore() {
    this(ZkStoreOptions.DEFAULT_MAX_RECORD_BYTES);
  }

  public InMemoryEpumStore(long maxRecordBytes) {
    this.form = new StoredForm(maxRecordBytes);
  }

  // ---- definitions ----

  @Override
  public Versioned<DefinitionRecord> createDefinition(DefinitionRecord definition, RequestMark mark) {
    String id = requireId("definition id", definition.id());
    DefinitionRecord stored = form.definition(definition);
    return locked(() -> {
      checks.checkMark(mark);
      if (definitions.containsKey(id)) {
        throw EpumException.alreadyExists("definition " + id + " already exists");
      }
      Versioned<DefinitionRecord> v = new Versioned<>(stored, 0);
      definitions.put(id, v);
      checks.recordMark(mark);
      listeners.definitionChanged(id);
      return v;
    });
  }

  @Override
  public Versioned<DefinitionRecord> updateDefinition(DefinitionRecord definition, int expectedVersion,
      RequestMark mark) {
    String id = requireId("definition id", definition.id());
    DefinitionRecord stored = form.definition(definition);
    return locked(() -> {
      checks.checkMark(mark);
      Versioned<DefinitionRecord> next = next(definitions.get(id), stored, expectedVersion, "definition " + id,
          "definition " + id + " not found");
      definitions.put(id, next);
      checks.recordMark(mark);
      listeners.definitionChanged(id);
      return next;
    });
  }

  @Override
  public void removeDefinition(String definitionId, int expectedVersion, RequestMark mark) {
    String id = requireId("definition id", definitionId);
    locked(() -> {
      checks.checkMark(mark);
      checkVersion(definitions.get(id), expectedVersion, "definition " + id, "definition " + id + " not found");
      definitions.remove(id);
      checks.recordMark(mark);
      listeners.definitionChanged(id);
      return null;
    });
  }

  @Override
  public Optional<Versioned<DefinitionRecord>> definition(String definitionId) {
    return locked(() -> Optional.ofNullable(definitions.get(definitionId)));
  }

  @Override
  public List<String> definitionIds() {
    return locked(() -> List.copyOf(definitions.keySet()));
  }

  // ---- domains ----

  @Override
  public Versioned<DomainRecord> createDomain(DomainRecord domain, List<Subscriber> subscriberList, RequestMark mark) {
    DomainKey key = domainKey(domain.key());
    DomainRecord stored = form.domain(domain);
    List<Subscriber> storedSubscribers = form.subscribers(key, List.copyOf(subscriberList));
    return locked(() -> {
      checks.checkMark(mark);
      if (domains.containsKey(key)) {
        throw EpumException.alreadyExists("domain " + key + " already exists");
      }
      Versioned<DomainRecord> v = new Versioned<>(stored, 0);
      domains.put(key, v);
      subscribers.put(key, new Versioned<>(storedSubscribers, 0));
      checks.recordMark(mark);
      listeners.domainChanged(key);
      return v;
    });
  }

  @Override
  public Versioned<DomainRecord> updateDomain(DomainRecord domain, int expectedVersion, RequestMark mark,
      Fence fence) {
    DomainKey key = domainKey(domain.key());
    DomainRecord stored = form.domain(domain);
    return locked(() -> {
      checks.checkFence(fence);
      checks.checkMark(mark);
      Versioned<DomainRecord> next = next(domains.get(key), stored, expectedVersion, "domain " + key,
          "domain " + key + " not found");
      domains.put(key, next);
      checks.recordMark(mark);
      listeners.domainChanged(key);
      return next;
    });
  }

  @Override
  public void deleteDomain(DomainKey key, Fence fence) {
    DomainKey k = domainKey(key);
    locked(() -> {
      checks.checkFence(fence);
      if (!domains.containsKey(k)) {
        throw EpumException.notFound("domain " + k + " not found");
      }
      TreeMap<String, Versioned<InstanceRecord>> gone = instances.remove(k);
      if (gone != null) {
        gone.keySet().forEach(id -> {
          index.remove(id);
          listeners.instanceChanged(k, id);
        });
      }
      subscribers.remove(k);
      events.remove(k);
      lastEvent.remove(k);
      domains.remove(k);
      listeners.domainChanged(k);
      return null;
    });
  }

  @Override
  public Optional<Versioned<DomainRecord>> domain(DomainKey key) {
    return locked(() -> Optional.ofNullable(domains.get(key)));
  }

  @Override
  public List<DomainKey> domains(String owner) {
    return locked(() -> domains.keySet().stream().filter(k -> k.owner().equals(owner)).toList());
  }

  @Override
  public List<DomainKey> allDomains() {
    return locked(() -> List.copyOf(domains.keySet()));
  }

  // ---- subscribers ----

  @Override
  public Versioned<List<Subscriber>> subscribers(DomainKey key) {
    return locked(() -> Optional.ofNullable(subscribers.get(key))
        .orElseThrow(() -> EpumException.notFound("domain " + key + " not found")));
  }

  @Override
  public Versioned<List<Subscriber>> setSubscribers(DomainKey key, List<Subscriber> subscriberList,
      int expectedVersion, RequestMark mark) {
    DomainKey k = domainKey(key);
    List<Subscriber> stored = form.subscribers(k, List.copyOf(subscriberList));
    return locked(() -> {
      checks.checkMark(mark);
      Versioned<List<Subscriber>> next = next(subscribers.get(k), stored, expectedVersion,
          "subscriber list of domain " + k, "domain " + k + " not found");
      subscribers.put(k, next);
      checks.recordMark(mark);
      listeners.domainChanged(k);
      return next;
    });
  }

  // ---- instances ----

  @Override
  public Versioned<InstanceRecord> createInstance(DomainKey key, InstanceRecord instance, Fence fence) {
    DomainKey k = domainKey(key);
    String id = requireId("instance id", instance.instanceId());
    InstanceRecord stored = form.instance(instance);
    return locked(() -> {
      checks.checkFence(fence);
      if (!domains.containsKey(k)) {
        throw EpumException.notFound("domain " + k + " not found");
      }
      TreeMap<String, Versioned<InstanceRecord>> records = instances.computeIfAbsent(k, x -> new TreeMap<>());
      if (records.containsKey(id)) {
        throw EpumException.alreadyExists("instance " + id + " already exists in domain " + k);
      }
      if (index.containsKey(id)) {
        throw EpumException.alreadyExists("instance id " + id + " is already used by domain " + index.get(id));
      }
      Versioned<InstanceRecord> v = new Versioned<>(stored, 0);
      records.put(id, v);
      index.put(id, k);
      listeners.instanceChanged(k, id);
      return v;
    });
  }

  @Override
  public Versioned<InstanceRecord> updateInstance(DomainKey key, InstanceRecord instance, int expectedVersion,
      Fence fence) {
    DomainKey k = domainKey(key);
    String id = requireId("instance id", instance.instanceId());
    InstanceRecord stored = form.instance(instance);
    String subject = "instance " + id + " of domain " + k;
    return locked(() -> {
      checks.checkFence(fence);
      Versioned<InstanceRecord> next = next(instanceOrNull(k, id), stored, expectedVersion, subject,
          subject + " not found");
      instances.get(k).put(id, next);
      listeners.instanceChanged(k, id);
      return next;
    });
  }

  @Override
  public void deleteInstance(DomainKey key, String instanceId, int expectedVersion, Fence fence) {
    DomainKey k = domainKey(key);
    String id = requireId("instance id", instanceId);
    String subject = "instance " + id + " of domain " + k;
    locked(() -> {
      checks.checkFence(fence);
      checkVersion(instanceOrNull(k, id), expectedVersion, subject, subject + " not found");
      instances.get(k).remove(id);
      index.remove(id);
      listeners.instanceChanged(k, id);
      return null;
    });
  }

  @Override
  public Optional<Versioned<InstanceRecord>> instance(DomainKey key, String instanceId) {
    return locked(() -> Optional.ofNullable(instanceOrNull(key, instanceId)));
  }

  @Override
  public List<Versioned<InstanceRecord>> instances(DomainKey key) {
    return locked(() -> {
      TreeMap<String, Versioned<InstanceRecord>> records = instances.get(key);
      return records == null ? List.of() : List.copyOf(records.values());
    });
  }

  @Override
  public Optional<DomainKey> domainOfInstance(String instanceId) {
    return locked(() -> Optional.ofNullable(index.get(instanceId)));
  }

  // ---- request marks, epochs ----

  @Override
  public Optional<RequestMark> request(String owner, String requestId) {
    return locked(() -> checks.request(owner, requestId));
  }

  @Override
  public long epoch(String role) {
    return locked(() -> checks.epoch(role));
  }

  @Override
  public long bumpEpoch(String role) {
    requireId("role", role);
    return locked(() -> checks.bumpEpoch(role));
  }

  // ---- observation ----

  @Override
  public boolean isAvailable() {
    return !closed;
  }

  @Override
  public AutoCloseable addListener(StoreListener listener) {
    return listeners.add(listener);
  }

  @Override
  public void close() {
    closed = true;
    listeners.close();
  }

  // ---- domain events ----

  @Override
  public List<DomainEvent> append(DomainKey key, List<DomainEvent> newEvents, Fence fence) {
    DomainKey k = domainKey(key);
    return locked(() -> {
      checks.checkFence(fence);
      if (!domains.containsKey(k)) {
        throw EpumException.notFound("domain " + k + " not found");
      }
      TreeMap<Long, DomainEvent> log = events.computeIfAbsent(k, x -> new TreeMap<>());
      long next = lastEvent.getOrDefault(k, 0L);
      List<DomainEvent> appended = new ArrayList<>();
      for (DomainEvent e : newEvents) {
        DomainEvent numbered = new DomainEvent(++next, e.time(), e.body());
        log.put(numbered.sequence(), numbered);
        appended.add(numbered);
      }
      lastEvent.put(k, next);
      while (log.size() > org.epum.core.store.zk.ZooKeeperEpumStore.MAX_EVENTS_PER_DOMAIN) {
        log.pollFirstEntry();
      }
      listeners.eventsChanged(k);
      return appended;
    });
  }

  @Override
  public List<DomainEvent> read(DomainKey key, long afterSequence, int limit) {
    return locked(() -> {
      TreeMap<Long, DomainEvent> log = events.get(key);
      return log == null ? List.<DomainEvent>of()
          : log.tailMap(afterSequence, false).values().stream().limit(Math.max(0, limit)).toList();
    });
  }

  @Override
  public long lastSequence(DomainKey key) {
    return locked(() -> lastEvent.getOrDefault(key, 0L));
  }

  // ---- helpers (called with the lock held) ----

  private Versioned<InstanceRecord> instanceOrNull(DomainKey key, String id) {
    TreeMap<String, Versioned<InstanceRecord>> records = instances.get(key);
    return records == null ? null : records.get(id);
  }

  private <T> T locked(Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
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
}
