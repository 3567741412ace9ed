package org.epum.core.store.zk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.data.Stat;
import org.epum.core.domain.DomainKey;
import org.epum.core.error.EpumException;
import org.epum.core.store.Fence;

/**
 * Deletes a domain and everything under it in batched multis (at most {@value #MAX_OPS} ops each),
 * deepest nodes first and the domain node last, so an interrupted deletion leaves a smaller domain
 * that a repeat finishes. An instance and its index entry always go in the same batch. The first
 * plan comes from the cache; if a batch finds the tree not as planned (another replica's writes not
 * yet cached), the next plan is read from ZooKeeper directly.
 */
final class DomainDeleter {
  static final int MAX_OPS = 200;
  private static final int MAX_ROUNDS = 5;
  private static final Comparator<String> DEEPEST_FIRST =
      Comparator.comparingLong((String p) -> p.chars().filter(c -> c == '/').count()).reversed()
          .thenComparing(Comparator.naturalOrder());

  private final ZkPaths paths;
  private final CacheView view;
  private final Transactor tx;
  private final JsonCodec codec;
  private final Supplier<String> writeIds;

  DomainDeleter(ZkPaths paths, CacheView view, Transactor tx, JsonCodec codec, Supplier<String> writeIds) {
    this.paths = paths;
    this.view = view;
    this.tx = tx;
    this.codec = codec;
    this.writeIds = writeIds;
  }

  /** Deletes the domain; returns what the cache must show before the caller returns. */
  List<CacheWait> delete(DomainKey key, Fence fence) {
    String domainPath = paths.domain(key);
    String what = "deletion of domain " + key;
    List<CacheWait> waits = new ArrayList<>();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      boolean direct = round > 0;
      List<String> below = direct ? tx.readTree("listing of domain " + key, domainPath)
          : view.pathsUnder(domainPath).stream().sorted(DEEPEST_FIRST).toList();
      if (!deleteBelow(key, fence, below, direct, waits)) {
        continue;
      }
      Txn last = Txn.builder(what, writeIds.get()).fence(paths, fence)
          .delete(Txn.Role.RECORD, domainPath, -1, "domain " + key, "domain " + key + " not found").build();
      Transactor.Outcome outcome = tx.attempt(last);
      if (outcome instanceof Transactor.Committed c) {
        waits.addAll(c.waits());
        return waits;
      }
      Transactor.Failed f = (Transactor.Failed) outcome;
      if (f.code() != Code.NOTEMPTY) {
        throw TxnFailures.translate(last, f, view, p -> {
          throw new IllegalStateException("a domain deletion writes no request mark");
        });
      }
    }
    throw EpumException.versionConflict("domain " + key + " kept gaining instances while it was being deleted;"
        + " retry the deletion");
  }

  /** False when a batch found the tree changed, so the caller re-plans. */
  private boolean deleteBelow(DomainKey key, Fence fence, List<String> below, boolean direct,
      List<CacheWait> waits) {
    Txn.Builder batch = newBatch(key, fence);
    for (String p : below) {
      List<String> unit = new ArrayList<>(2);
      unit.add(p);
      if (paths.parse(p) instanceof ZkLocation.Instance i && indexPointsHere(i.instanceId(), key, direct)) {
        unit.add(paths.indexEntry(i.instanceId()));
      }
      if (batch.size() + unit.size() > MAX_OPS) {
        if (!run(batch, waits)) {
          return false;
        }
        batch = newBatch(key, fence);
      }
      for (String u : unit) {
        batch.delete(Txn.Role.PART, u, -1, "node " + u + " of domain " + key, "node " + u + " not found");
      }
    }
    return run(batch, waits);
  }

  private Txn.Builder newBatch(DomainKey key, Fence fence) {
    return Txn.builder("deletion of domain " + key + "'s contents", writeIds.get()).fence(paths, fence);
  }

  private boolean run(Txn.Builder batch, List<CacheWait> waits) {
    Txn txn = batch.build();
    if (txn.primaryIndex() < 0) {
      return true;
    }
    Transactor.Outcome outcome = tx.attempt(txn);
    if (outcome instanceof Transactor.Committed c) {
      waits.addAll(c.waits());
      return true;
    }
    Transactor.Failed f = (Transactor.Failed) outcome;
    if (f.index() >= 0 && txn.steps().get(f.index()).role() == Txn.Role.FENCE) {
      throw TxnFailures.translate(txn, f, view, p -> null);
    }
    return false;
  }

  private boolean indexPointsHere(String instanceId, DomainKey key, boolean direct) {
    if (!direct) {
      return view.domainOfInstance(instanceId).map(key::equals).orElse(false);
    }
    String indexPath = paths.indexEntry(instanceId);
    byte[] data = tx.readData("read of index entry " + instanceId, indexPath, new Stat());
    return data != null && key.equals(codec.decodeIndexEntry(data).value());
  }
}
