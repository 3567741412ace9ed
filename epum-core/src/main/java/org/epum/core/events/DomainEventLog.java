package org.epum.core.events;

import java.util.List;
import org.epum.core.domain.DomainKey;
import org.epum.core.store.Fence;

/**
 * Each domain's bounded event log: the decision log plus instance and health changes. The oldest
 * events are dropped beyond the log's bound. Survives restarts in the ZooKeeper implementation;
 * deleting a domain deletes its log. Thread-safe.
 */
public interface DomainEventLog {
  /**
   * Appends events in order, assigning their sequence numbers, in one write.
   *
   * @return the appended events with their sequence numbers
   * @throws org.epum.core.error.EpumException NOT_FOUND if the domain is gone, NOT_LEADER on a stale fence
   */
  List<DomainEvent> append(DomainKey key, List<DomainEvent> events, Fence fence);

  /** Events with a sequence above {@code afterSequence}, oldest first, at most {@code limit}. */
  List<DomainEvent> read(DomainKey key, long afterSequence, int limit);

  /** The newest event's sequence number, 0 when there is none. */
  long lastSequence(DomainKey key);
}
