package org.epum.core.store.zk;

import java.util.function.Function;
import org.apache.zookeeper.KeeperException.Code;
import org.epum.core.error.EpumException;
import org.epum.core.store.DuplicateRequestException;
import org.epum.core.store.RequestMark;

/**
 * Turns the failed step of a multi into the store's failure (STYLE R8): what failed decides the
 * code, so a missing epoch node is NOT_LEADER while a missing record is NOT_FOUND. The only place
 * a multi's result code becomes an exception.
 */
final class TxnFailures {
  private TxnFailures() {}

  /**
   * @param markReader reads back the request mark that made the mark step fail
   */
  static RuntimeException translate(Txn txn, Transactor.Failed failed, CacheView view,
      Function<String, RequestMark> markReader) {
    if (failed.index() < 0) {
      return unexpected(txn, failed.code(), "the transaction");
    }
    Txn.Step step = txn.steps().get(failed.index());
    Code code = failed.code();
    return switch (step.role()) {
      case FENCE -> code == Code.BADVERSION || code == Code.NONODE
          ? EpumException.notLeader("this replica is no longer the leader of " + step.subject()
              + ": its fence (epoch " + (step.version() + 1L) + ") was superseded by a newer election; the "
              + txn.description() + " was not applied")
          : unexpected(txn, code, step.subject());
      case MARK -> code == Code.NODEEXISTS ? new DuplicateRequestException(markReader.apply(step.path()))
          : unexpected(txn, code, step.subject());
      case RECORD, INDEX, PART -> recordFailure(txn, step, code, view);
    };
  }

  private static RuntimeException recordFailure(Txn txn, Txn.Step step, Code code, CacheView view) {
    switch (code) {
      case NONODE:
        return EpumException.notFound(step.whenMissing());
      case NODEEXISTS:
        return EpumException.alreadyExists(step.whenExists());
      case BADVERSION:
        return EpumException.versionConflict(conflict(step, view));
      case NOTEMPTY:
        return EpumException.versionConflict(step.subject() + " gained children while it was being deleted; retry");
      default:
        return unexpected(txn, code, step.subject());
    }
  }

  private static String conflict(Txn.Step step, CacheView view) {
    int actual = view.stat(step.path()).map(NodeStat::version).orElse(-1);
    String now = actual > step.version() ? "it is now at version " + actual
        : "it has been changed since that version was read";
    return step.subject() + " was expected at version " + step.version() + " but " + now
        + "; re-read it and retry";
  }

  private static EpumException unexpected(Txn txn, Code code, String what) {
    return EpumException.internal("unexpected ZooKeeper result " + code + " on " + what + " during the "
        + txn.description(), null);
  }
}
