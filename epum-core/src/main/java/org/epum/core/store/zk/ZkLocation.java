package org.epum.core.store.zk;

import org.epum.core.domain.DomainKey;

/** What a znode under the store's root holds, as {@link ZkPaths#parse} reads it from the path. */
sealed interface ZkLocation {
  record Definition(String definitionId) implements ZkLocation {}

  record Domain(DomainKey key) implements ZkLocation {}

  record Subscribers(DomainKey key) implements ZkLocation {}

  record Instance(DomainKey key, String instanceId) implements ZkLocation {}

  record Event(DomainKey key, long sequence) implements ZkLocation {}

  record IndexEntry(String instanceId) implements ZkLocation {}

  record Request(String owner, String requestId) implements ZkLocation {}

  record Epoch(String role) implements ZkLocation {}

  /** Directories, markers and anything a later version adds. */
  enum Other implements ZkLocation { INSTANCE }
}
