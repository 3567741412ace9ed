package org.epum.core.store;

import static java.util.Objects.requireNonNull;

/**
 * A stored value and the version it was read at. Versions start at 0 when a record is created and
 * go up by one on every write, in both stores (the ZooKeeper store uses the znode version).
 */
public record Versioned<T>(T value, int version) {
  /** Pass as an expected version to write whatever the current version is. */
  public static final int ANY = -1;

  public Versioned {
    requireNonNull(value, "value");
  }
}
