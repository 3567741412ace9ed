package org.epum.core.store.zk;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Decides, by reading ZooKeeper directly, whether a transaction whose connection dropped mid-call
 * landed. Every node a transaction writes carries its write id, so finding that id proves it landed;
 * a request mark, which is never rewritten, decides outright. When the primary record has been
 * rewritten since, there is no telling, and the verdict is UNKNOWN.
 */
final class Probe {
  enum Verdict { LANDED, NOT_LANDED, UNKNOWN }

  /** For LANDED: the primary's version after the write and the transaction's zxid (-1 when unknown). */
  record Result(Verdict verdict, int version, long zxid) {
    static final Result NOT_LANDED = new Result(Verdict.NOT_LANDED, -1, -1);
    static final Result UNKNOWN = new Result(Verdict.UNKNOWN, -1, -1);
  }

  private record Node(byte[] data, Stat stat) {}

  private final ZkWire wire;
  private final JsonCodec codec;
  private final String root;

  Probe(ZkWire wire, JsonCodec codec, String root) {
    this.wire = wire;
    this.codec = codec;
    this.root = root;
  }

  Result check(Txn txn) throws KeeperException, InterruptedException {
    // A write sent before the connection dropped may still be in the pipeline; sync orders our reads after it.
    wire.sync(root);
    int mark = txn.markIndex();
    return mark >= 0 ? byMark(txn, txn.steps().get(mark)) : byPrimary(txn);
  }

  private Result byMark(Txn txn, Txn.Step mark) throws KeeperException, InterruptedException {
    Node m = read(mark.path());
    if (m == null || !txn.writeId().equals(codec.writeIdOf(m.data()))) {
      return Result.NOT_LANDED;
    }
    // Landed. Every node of a multi shares its zxid: the mark's creation zxid.
    Txn.Step primary = txn.steps().get(txn.primaryIndex());
    int version = switch (primary.kind()) {
      case CREATE -> 0;
      case SET -> primary.version() >= 0 ? primary.version() + 1 : versionNow(primary.path());
      default -> -1;
    };
    return new Result(Verdict.LANDED, version, m.stat().getCzxid());
  }

  private Result byPrimary(Txn txn) throws KeeperException, InterruptedException {
    Txn.Step p = txn.steps().get(txn.primaryIndex());
    Node n = read(p.path());
    if (p.kind() == Txn.Kind.DELETE) {
      return n == null ? new Result(Verdict.LANDED, -1, -1) : Result.NOT_LANDED;
    }
    if (n != null && txn.writeId().equals(codec.writeIdOf(n.data()))) {
      return new Result(Verdict.LANDED, n.stat().getVersion(), n.stat().getMzxid());
    }
    if (n == null) {
      // A create that is absent never landed; an update whose node is gone cannot be told.
      return p.kind() == Txn.Kind.CREATE ? Result.NOT_LANDED : Result.UNKNOWN;
    }
    // Ours would have made version base+1 (a create: 0). Someone else's node at or below that
    // version means ours did not land; anything later may be ours rewritten, or not.
    int base = p.kind() == Txn.Kind.CREATE ? -1 : p.version() >= 0 ? p.version() : txn.baseVersion();
    if (p.kind() != Txn.Kind.CREATE && base < 0) {
      return Result.UNKNOWN;
    }
    return n.stat().getVersion() <= base + 1 ? Result.NOT_LANDED : Result.UNKNOWN;
  }

  private int versionNow(String path) throws KeeperException, InterruptedException {
    Node n = read(path);
    return n == null ? 0 : n.stat().getVersion();
  }

  private Node read(String path) throws KeeperException, InterruptedException {
    Stat stat = new Stat();
    try {
      byte[] data = wire.getData(path, stat);
      return new Node(data, stat);
    } catch (KeeperException.NoNodeException e) {
      return null;
    }
  }
}
