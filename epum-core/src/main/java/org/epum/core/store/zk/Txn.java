package org.epum.core.store.zk;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.epum.core.error.EpumException;
import org.epum.core.store.Fence;

/**
 * One store mutation as a single ZooKeeper multi: its steps in order (fence check, request mark,
 * the record, its index and companion nodes), each with what to say when it fails, and the write id
 * every node it writes carries. The first RECORD step (else the first PART step) is the primary:
 * the node that shows whether the transaction landed when the connection dropped mid-call.
 */
final class Txn {
  enum Kind { CREATE, SET, DELETE, CHECK }

  /** What a step is for, which decides how its failure is reported. */
  enum Role { FENCE, MARK, RECORD, INDEX, PART }

  /**
   * @param version expected znode version for SET/DELETE/CHECK; -1 matches any
   * @param subject the node as a person would name it ("instance i-1 of domain o/d1")
   * @param whenMissing the NOT_FOUND message if the node (or, for a create, its parent) is absent
   * @param whenExists the ALREADY_EXISTS message if a create finds the node there
   */
  record Step(Kind kind, Role role, String path, byte[] data, int version, String subject, String whenMissing,
      String whenExists) {}

  private final String description;
  private final String writeId;
  private final List<Step> steps;
  private final int baseVersion;

  private Txn(String description, String writeId, List<Step> steps, int baseVersion) {
    this.description = description;
    this.writeId = writeId;
    this.steps = List.copyOf(steps);
    this.baseVersion = baseVersion;
  }

  static Builder builder(String description, String writeId) {
    return new Builder(description, writeId);
  }

  /** For messages: "update of instance i-1 of domain o/d1". */
  String description() {
    return description;
  }

  String writeId() {
    return writeId;
  }

  List<Step> steps() {
    return steps;
  }

  /** The primary's cached version before an unconditional SET, or -1 when unknown. */
  int baseVersion() {
    return baseVersion;
  }

  int primaryIndex() {
    int part = -1;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).role() == Role.RECORD) {
        return i;
      }
      if (part < 0 && steps.get(i).role() == Role.PART) {
        part = i;
      }
    }
    return part;
  }

  int markIndex() {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).role() == Role.MARK) {
        return i;
      }
    }
    return -1;
  }

  /** The NOT_LEADER failure for a fence no epoch can match (never bumped, or not from bumpEpoch). */
  static EpumException unmatchableFence(Fence fence) {
    return EpumException.notLeader("the write is fenced by role " + fence.role() + " at epoch " + fence.epoch()
        + ", which no leader holds (epochs start at 1); the write was not applied");
  }

  static final class Builder {
    private final String description;
    private final String writeId;
    private final List<Step> steps = new ArrayList<>();
    private int baseVersion = -1;

    private Builder(String description, String writeId) {
      this.description = requireNonNull(description);
      this.writeId = requireNonNull(writeId);
    }

    /** Adds the epoch check first, so a deposed leader learns that before anything else. */
    Builder fence(ZkPaths paths, Fence fence) {
      if (fence.isNone()) {
        return this;
      }
      if (fence.epoch() < 1 || fence.epoch() - 1 > Integer.MAX_VALUE) {
        throw unmatchableFence(fence);
      }
      steps.add(new Step(Kind.CHECK, Role.FENCE, paths.epoch(fence.role()), null, (int) (fence.epoch() - 1),
          "role " + fence.role(), null, null));
      return this;
    }

    Builder mark(String path, byte[] data, String requestId) {
      steps.add(new Step(Kind.CREATE, Role.MARK, path, data, -1, "request " + requestId, null, null));
      return this;
    }

    Builder create(Role role, String path, byte[] data, String subject, String whenMissing, String whenExists) {
      steps.add(new Step(Kind.CREATE, role, path, data, -1, subject, whenMissing, whenExists));
      return this;
    }

    Builder set(String path, byte[] data, int version, String subject, String whenMissing) {
      steps.add(new Step(Kind.SET, Role.RECORD, path, data, version, subject, whenMissing, null));
      return this;
    }

    Builder delete(Role role, String path, int version, String subject, String whenMissing) {
      steps.add(new Step(Kind.DELETE, role, path, null, version, subject, whenMissing, null));
      return this;
    }

    Builder baseVersion(int version) {
      this.baseVersion = version;
      return this;
    }

    boolean isEmpty() {
      return steps.isEmpty();
    }

    int size() {
      return steps.size();
    }

    Txn build() {
      return new Txn(description, writeId, steps, baseVersion);
    }
  }
}
