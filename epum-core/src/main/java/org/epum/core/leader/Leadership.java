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

  /**
   * Calls {@code listener} (on some other thread, promptly) whenever this replica gains or loses
   * a role, so a loop can start its first pass at once instead of at its next tick.
   */
  default void addChangeListener(Runnable listener) {}

  /**
   * Called by a role that had a write or call refused by the fence: another replica holds a newer
   * epoch, so this one stops acting for the role and re-joins its election.
   */
  default void stepDown(String role, String why) {}
}
