package org.epum.core.store;

import java.util.List;
import java.util.Optional;
import org.epum.core.domain.DefinitionRecord;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.Subscriber;

/**
 * Where EPUM keeps everything: definitions, domains, their subscribers and instances, the
 * instance index, request marks and role epochs. Two implementations (in memory; ZooKeeper) obey
 * one contract, checked by one test suite.
 *
 * <p>Contract:
 * <ul>
 *   <li>Every mutation is atomic: it happens whole or not at all, together with its request mark,
 *       index entries and fence check. A mutation that cannot tell whether it happened (connection
 *       lost mid-call) finds out before returning; if it still cannot, it fails STORE_UNAVAILABLE
 *       and leaves nothing half-written.</li>
 *   <li>Updates are compare-and-set on the version read: a stale expected version fails
 *       VERSION_CONFLICT. {@link Versioned#ANY} skips the check.</li>
 *   <li>Reads are cheap (served from memory kept current by watches in the ZooKeeper store) and
 *       may lag writes made by other replicas, never this replica's own: a write is visible to
 *       this store's reads when it returns.</li>
 *   <li>A write with a {@link Fence} other than {@link Fence#NONE} fails NOT_LEADER unless the
 *       role's epoch is still the fence's.</li>
 *   <li>A record too large for the store fails INVALID_ARGUMENT, naming its size and the limit.</li>
 *   <li>Failures are {@link org.epum.core.error.EpumException}s (NOT_FOUND, ALREADY_EXISTS,
 *       VERSION_CONFLICT, NOT_LEADER, STORE_UNAVAILABLE, INVALID_ARGUMENT) or
 *       {@link DuplicateRequestException} when a non-NONE request mark was already recorded.</li>
 * </ul>
 * Lists are sorted by id. Thread-safe.
 */
public interface EpumStore extends AutoCloseable {

  // ---- definitions (global) ----

  /** Fails ALREADY_EXISTS if the id is taken. */
  Versioned<DefinitionRecord> createDefinition(DefinitionRecord definition, RequestMark mark);

  /** Fails NOT_FOUND if absent, VERSION_CONFLICT on a stale expected version. */
  Versioned<DefinitionRecord> updateDefinition(DefinitionRecord definition, int expectedVersion, RequestMark mark);

  /** Fails NOT_FOUND if absent, VERSION_CONFLICT on a stale expected version. */
  void removeDefinition(String definitionId, int expectedVersion, RequestMark mark);

  Optional<Versioned<DefinitionRecord>> definition(String definitionId);

  List<String> definitionIds();

  // ---- domains ----

  /** Creates the domain with its initial subscribers (possibly none). Fails ALREADY_EXISTS if taken. */
  Versioned<DomainRecord> createDomain(DomainRecord domain, List<Subscriber> subscribers, RequestMark mark);

  /** Fails NOT_FOUND if absent, VERSION_CONFLICT on a stale expected version. */
  Versioned<DomainRecord> updateDomain(DomainRecord domain, int expectedVersion, RequestMark mark, Fence fence);

  /**
   * Deletes the domain with everything under it (instances and their index entries, subscribers).
   * Safe to repeat after an interruption: the domain record itself goes last. Fails NOT_FOUND if
   * the domain is already gone.
   */
  void deleteDomain(DomainKey key, Fence fence);

  Optional<Versioned<DomainRecord>> domain(DomainKey key);

  /** The owner's domains. */
  List<DomainKey> domains(String owner);

  /** Every owner's domains, sorted by owner then id. */
  List<DomainKey> allDomains();

  // ---- subscribers (stored beside the domain, in subscription order) ----

  /** Fails NOT_FOUND if the domain is absent. */
  Versioned<List<Subscriber>> subscribers(DomainKey key);

  /** Replaces the list. Fails NOT_FOUND if the domain is absent, VERSION_CONFLICT on a stale version. */
  Versioned<List<Subscriber>> setSubscribers(DomainKey key, List<Subscriber> subscribers, int expectedVersion,
      RequestMark mark);

  // ---- instances ----

  /** Creates the record and its index entry. Fails NOT_FOUND if the domain is absent, ALREADY_EXISTS if the id is. */
  Versioned<InstanceRecord> createInstance(DomainKey key, InstanceRecord instance, Fence fence);

  /** Fails NOT_FOUND if absent, VERSION_CONFLICT on a stale expected version. */
  Versioned<InstanceRecord> updateInstance(DomainKey key, InstanceRecord instance, int expectedVersion, Fence fence);

  /** Deletes the record and its index entry. Fails NOT_FOUND if absent, VERSION_CONFLICT on a stale version. */
  void deleteInstance(DomainKey key, String instanceId, int expectedVersion, Fence fence);

  Optional<Versioned<InstanceRecord>> instance(DomainKey key, String instanceId);

  List<Versioned<InstanceRecord>> instances(DomainKey key);

  /** The instance index: which domain holds this instance id, in one cached lookup. */
  Optional<DomainKey> domainOfInstance(String instanceId);

  // ---- request marks ----

  Optional<RequestMark> request(String owner, String requestId);

  // ---- leader epochs ----

  /** The role's current epoch; 0 before anyone was elected. */
  long epoch(String role);

  /** Moves the role's epoch up by one (atomically, for fencing the previous holder) and returns the new one. */
  long bumpEpoch(String role);

  // ---- observation ----

  /** True while reads and writes can be served (the ZooKeeper store: while connected). */
  boolean isAvailable();

  /** Registers a listener; closing the returned handle unregisters it. */
  AutoCloseable addListener(StoreListener listener);

  /** Releases what the store itself started (caches, threads); never a Curator client it was given. */
  @Override
  void close();
}
