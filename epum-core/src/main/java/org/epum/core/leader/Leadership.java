package org.epum.core.leader;

import org.epum.core.store.Fence;

/**
 * Which roles this replica leads, and the fence its writes for a role must carry. Callers check
 * {@link #isLeader} before acting and write with {@link #fence}; a write with a superseded fence
 * fails NOT_LEADER in the store, so a deposed leader cannot act even if it has not noticed yet.
 * Thread-safe; both methods are cheap.
 */
public interface Leadership {
  boolean isLeader(String role);

  /** The current fence for the role; NOT_LEADER if this replica does not lead it. */
  Fence fence(String role);
}
