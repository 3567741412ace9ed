package org.epum.core.store;

import static java.util.Objects.requireNonNull;

/**
 * A leader's proof of office: the role and the epoch it was elected at. A write carrying a fence
 * succeeds only if the role's epoch is still that one, in the same transaction as the write, so a
 * deposed leader's writes fail with NOT_LEADER. {@link #NONE} is for writes made on a caller's
 * behalf (the API), which no leader owns.
 */
public record Fence(String role, long epoch) {
  public static final Fence NONE = new Fence("", -1);

  public Fence {
    requireNonNull(role, "role");
  }

  public boolean isNone() {
    return role.isEmpty();
  }
}
