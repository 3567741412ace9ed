package org.epum.core.leader;

import static java.util.Objects.requireNonNull;

import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;

/**
 * Notices when a role's term of office begins, so its loop reloads from the store (the role's
 * take-over) before its first pass of each term, including a re-election after a lost session.
 * Used by one loop thread.
 */
public final class TermWatch {
  private final String role;
  private final Leadership leadership;
  private long epoch = -1;

  public TermWatch(String role, Leadership leadership) {
    this.role = requireNonNull(role);
    this.leadership = requireNonNull(leadership);
  }

  /**
   * True when this replica leads the role now. The first call of a new term runs
   * {@code takeOver} first; if that fails the term counts as not begun and it is tried again.
   */
  public boolean lead(Runnable takeOver) {
    if (!leadership.isLeader(role)) {
      epoch = -1;
      return false;
    }
    long current = leadership.fence(role).epoch();
    if (current != epoch) {
      takeOver.run();
      epoch = current;
    }
    return true;
  }

  /**
   * Steps down when {@code failure} is the store's fence refusing a write of the term that ran
   * (another replica holds a newer epoch) while this replica still believes it leads.
   */
  public void failed(RuntimeException failure) {
    if (failure instanceof EpumException e && e.code() == ErrorCode.NOT_LEADER && leadership.isLeader(role)
        && leadership.fence(role).epoch() == epoch) {
      epoch = -1;
      leadership.stepDown(role, "fenced: " + e.getMessage());
    }
  }
}
