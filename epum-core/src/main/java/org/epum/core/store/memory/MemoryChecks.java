package org.epum.core.store.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.epum.core.error.EpumException;
import org.epum.core.store.DuplicateRequestException;
import org.epum.core.store.Fence;
import org.epum.core.store.RequestMark;
import org.epum.core.store.Versioned;

/**
 * The in-memory store's request marks and role epochs, and the checks every mutation makes with
 * them (fence, then request mark, then the record's version), worded as the ZooKeeper store words
 * them. Not thread-safe: used under the store's lock.
 */
final class MemoryChecks {
  private record RequestKey(String owner, String requestId) {}

  private final Map<RequestKey, RequestMark> marks = new HashMap<>();
  private final Map<String, Long> epochs = new HashMap<>();

  Optional<RequestMark> request(String owner, String requestId) {
    return Optional.ofNullable(marks.get(new RequestKey(owner, requestId)));
  }

  long epoch(String role) {
    return epochs.getOrDefault(role, 0L);
  }

  long bumpEpoch(String role) {
    return epochs.merge(role, 1L, Long::sum);
  }

  static <T> Versioned<T> next(Versioned<T> current, T value, int expectedVersion, String subject,
      String whenMissing) {
    checkVersion(current, expectedVersion, subject, whenMissing);
    return new Versioned<>(value, current.version() + 1);
  }

  static void checkVersion(Versioned<?> current, int expectedVersion, String subject, String whenMissing) {
    if (current == null) {
      throw EpumException.notFound(whenMissing);
    }
    if (expectedVersion != Versioned.ANY && expectedVersion != current.version()) {
      throw EpumException.versionConflict(subject + " was expected at version " + expectedVersion
          + " but it is now at version " + current.version() + "; re-read it and retry");
    }
  }

  void checkFence(Fence fence) {
    if (fence.isNone()) {
      return;
    }
    long current = epochs.getOrDefault(fence.role(), 0L);
    if (fence.epoch() < 1) {
      throw EpumException.notLeader("the write is fenced by role " + fence.role() + " at epoch " + fence.epoch()
          + ", which no leader holds (epochs start at 1); the write was not applied");
    }
    if (current != fence.epoch()) {
      throw EpumException.notLeader("this replica is no longer the leader of role " + fence.role()
          + ": its fence (epoch " + fence.epoch() + ") was superseded by a newer election; the write was not applied");
    }
  }

  void checkMark(RequestMark mark) {
    if (mark.isNone()) {
      return;
    }
    if (mark.owner().isEmpty()) {
      throw EpumException.invalidArgument("request owner is required");
    }
    RequestMark existing = marks.get(new RequestKey(mark.owner(), mark.requestId()));
    if (existing != null) {
      throw new DuplicateRequestException(existing);
    }
  }

  void recordMark(RequestMark mark) {
    if (!mark.isNone()) {
      marks.put(new RequestKey(mark.owner(), mark.requestId()), mark);
    }
  }
}
