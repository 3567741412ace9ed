package org.epum.core.store;

import org.epum.core.domain.DomainKey;

/**
 * Told about changes the store sees, from any replica, after they are visible to reads. Called on
 * the store's single event thread: implementations must only record the change or hand it off,
 * never block or call back into the store synchronously.
 */
public interface StoreListener {
  default void definitionChanged(String definitionId) {}

  /** The domain record or its subscribers were created, changed or deleted. */
  default void domainChanged(DomainKey key) {}

  /** An instance record was created, changed or deleted. */
  default void instanceChanged(DomainKey key, String instanceId) {}

  /** Events were appended to (or trimmed from) the domain's event log. */
  default void eventsChanged(DomainKey key) {}
}
