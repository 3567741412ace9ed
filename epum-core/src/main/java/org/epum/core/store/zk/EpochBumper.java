package org.epum.core.store.zk;

import java.util.function.Supplier;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.data.Stat;
import org.epum.core.error.EpumException;

/**
 * Moves a role's epoch up by one. The epoch is the epoch znode's version plus one (created at
 * epoch 1), so a fence is a plain {@code check} of that version inside the fenced write's multi.
 * Each bump is a compare-and-set on the version: the first try uses the cached version, a retry
 * after losing a race reads ZooKeeper directly.
 */
final class EpochBumper {
  private static final int MAX_TRIES = 50;

  private final ZkPaths paths;
  private final JsonCodec codec;
  private final CacheView view;
  private final Transactor tx;
  private final Supplier<String> writeIds;

  EpochBumper(ZkPaths paths, JsonCodec codec, CacheView view, Transactor tx, Supplier<String> writeIds) {
    this.paths = paths;
    this.codec = codec;
    this.view = view;
    this.tx = tx;
    this.writeIds = writeIds;
  }

  /** Bumps the epoch; the committed version plus one is the new epoch. */
  Transactor.Committed bump(String role) {
    String path = paths.epoch(role);
    String what = "epoch bump of role " + role;
    for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
      int version = attempt == 0 ? (int) view.epoch(role) - 1 : versionInZooKeeper(what, path);
      String w = writeIds.get();
      Txn.Builder b = Txn.builder(what, w);
      if (version < 0) {
        b.create(Txn.Role.RECORD, path, codec.epoch(1, w), "epoch of role " + role,
            "the store's epochs node is missing; restart the store", "epoch of role " + role + " already exists");
      } else {
        b.set(path, codec.epoch(version + 2L, w), version, "epoch of role " + role,
            "epoch of role " + role + " vanished");
      }
      Txn txn = b.build();
      Transactor.Outcome outcome = tx.attempt(txn);
      if (outcome instanceof Transactor.Committed c) {
        return c;
      }
      Transactor.Failed f = (Transactor.Failed) outcome;
      if (f.code() != Code.NODEEXISTS && f.code() != Code.BADVERSION && f.code() != Code.NONODE) {
        throw TxnFailures.translate(txn, f, view, p -> null);
      }
    }
    throw EpumException.versionConflict("the epoch of role " + role + " kept changing under " + MAX_TRIES
        + " attempts to bump it; retry");
  }

  private int versionInZooKeeper(String what, String path) {
    Stat stat = new Stat();
    return tx.readData(what, path, stat) == null ? -1 : stat.getVersion();
  }
}
