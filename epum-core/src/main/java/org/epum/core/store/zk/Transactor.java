package org.epum.core.store.zk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.CuratorZookeeperClient;
import org.apache.curator.RetryLoop;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;
import org.epum.core.error.EpumException;
import org.epum.core.store.DuplicateRequestException;
import org.epum.core.store.RequestMark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs store transactions and direct reads under the Curator client's retry policy, and is the one
 * place their ZooKeeper failures become store failures.
 *
 * <p>A retry after a dropped connection is not blind: the first attempt may have landed, so each
 * later attempt first asks the {@link Probe}. Landed means success (never a spurious
 * ALREADY_EXISTS or VERSION_CONFLICT for our own write); not landed means send it again; unknown
 * means STORE_UNAVAILABLE. Thread-safe; callers block for the call's duration.
 */
final class Transactor {
  private static final Logger log = LoggerFactory.getLogger(Transactor.class);
  private static final Set<Code> CONNECTION_PROBLEMS =
      Set.of(Code.CONNECTIONLOSS, Code.SESSIONEXPIRED, Code.OPERATIONTIMEOUT, Code.SESSIONMOVED);

  /** What an attempt came to: committed, or refused at one step. */
  sealed interface Outcome permits Committed, Failed {}

  /** @param version the primary's version after the write (-1 for a delete) */
  record Committed(int version, List<CacheWait> waits) implements Outcome {}

  /** @param index the failed step, or -1 when ZooKeeper did not say */
  record Failed(int index, Code code) implements Outcome {}

  private final CuratorZookeeperClient zkClient;
  private final ZkWire wire;
  private final JsonCodec codec;
  private final CacheView view;
  private final Probe probe;

  Transactor(CuratorZookeeperClient zkClient, ZkWire wire, JsonCodec codec, CacheView view, String root) {
    this.zkClient = zkClient;
    this.wire = wire;
    this.codec = codec;
    this.view = view;
    this.probe = new Probe(wire, codec, root);
  }

  /** Commits or throws the failure of the step that refused it. */
  Committed commit(Txn txn) {
    Outcome outcome = attempt(txn);
    if (outcome instanceof Failed f) {
      throw TxnFailures.translate(txn, f, view, this::readMark);
    }
    return (Committed) outcome;
  }

  /** Commits, or reports which step refused; throws only STORE_UNAVAILABLE (or INTERNAL). */
  Outcome attempt(Txn txn) {
    Map<String, Long> deleted = new HashMap<>();
    for (Txn.Step s : txn.steps()) {
      if (s.kind() == Txn.Kind.DELETE) {
        deleted.put(s.path(), view.stat(s.path()).map(NodeStat::czxid).orElse(-1L));
      }
    }
    AtomicInteger attempts = new AtomicInteger();
    Outcome outcome = call(txn.description(), () -> once(txn, attempts.incrementAndGet(), deleted));
    if (outcome == null) {
      // Curator keeps one retry loop per thread: a nested loop that completes ends ours without a result.
      throw EpumException.internal("the " + txn.description() + " ran inside another Curator retry loop on the"
          + " same thread, so its outcome is unknown; call the store from outside Curator operations", null);
    }
    return outcome;
  }

  private Outcome once(Txn txn, int attempt, Map<String, Long> deleted) throws Exception {
    if (attempt > 1) {
      // No extra wait for the connection here: the client's retry policy alone bounds how long we try.
      Probe.Result p = probe.check(txn);
      if (p.verdict() == Probe.Verdict.LANDED) {
        log.info("write landed before the connection dropped; not repeating it: {}", txn.description());
        return committed(txn, p.version(), p.zxid(), deleted);
      }
      if (p.verdict() == Probe.Verdict.UNKNOWN) {
        throw EpumException.storeUnavailable("the ZooKeeper connection dropped during the " + txn.description()
            + ", and whether it took effect cannot be told because the record has changed since; re-read and retry",
            null);
      }
    }
    try {
      List<OpResult> results = wire.multi(txn.steps());
      return committed(txn, results, deleted);
    } catch (KeeperException e) {
      if (e.getResults() == null || CONNECTION_PROBLEMS.contains(e.code())) {
        throw e;
      }
      return failed(e);
    }
  }

  private static Failed failed(KeeperException e) {
    List<OpResult> results = e.getResults();
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i) instanceof OpResult.ErrorResult err && err.getErr() != Code.OK.intValue()
          && err.getErr() != Code.RUNTIMEINCONSISTENCY.intValue()) {
        return new Failed(i, Code.get(err.getErr()));
      }
    }
    return new Failed(-1, e.code());
  }

  private static Committed committed(Txn txn, List<OpResult> results, Map<String, Long> deleted) {
    int version = -1;
    long zxid = -1;
    for (int i = 0; i < results.size(); i++) {
      Stat stat = results.get(i) instanceof OpResult.CreateResult c ? c.getStat()
          : results.get(i) instanceof OpResult.SetDataResult s ? s.getStat() : null;
      if (stat != null) {
        zxid = Math.max(zxid, stat.getMzxid());
        if (i == txn.primaryIndex()) {
          version = stat.getVersion();
        }
      }
    }
    return committed(txn, version, zxid, deleted);
  }

  private static Committed committed(Txn txn, int version, long zxid, Map<String, Long> deleted) {
    List<CacheWait> waits = new ArrayList<>();
    for (Txn.Step s : txn.steps()) {
      switch (s.kind()) {
        case CREATE, SET -> {
          if (zxid >= 0) {
            waits.add(new CacheWait.Written(s.path(), zxid));
          }
        }
        case DELETE -> waits.add(new CacheWait.Gone(s.path(), deleted.getOrDefault(s.path(), -1L)));
        case CHECK -> { }
      }
    }
    return new Committed(version, waits);
  }

  // ---- direct reads (counted by the wire; never on the normal read path) ----

  /** The data and stat of a node, or null when it is absent. */
  byte[] readData(String what, String path, Stat stat) {
    return call(what, () -> {
      try {
        return wire.getData(path, stat);
      } catch (KeeperException.NoNodeException e) {
        return null;
      }
    });
  }

  /** Every node below {@code path}, deepest first; empty when it is absent. */
  List<String> readTree(String what, String path) {
    return call(what, () -> {
      List<String> out = new ArrayList<>();
      collect(path, out);
      return out;
    });
  }

  private void collect(String path, List<String> out) throws KeeperException, InterruptedException {
    List<String> children;
    try {
      children = wire.getChildren(path);
    } catch (KeeperException.NoNodeException e) {
      return;
    }
    for (String child : children) {
      String p = path + "/" + child;
      collect(p, out);
      out.add(p);
    }
  }

  private RequestMark readMark(String path) {
    byte[] data = readData("read of request mark " + path, path, new Stat());
    if (data == null) {
      throw EpumException.internal("request mark " + path + " was reported to exist but cannot be read", null);
    }
    return codec.decodeMark(data).value();
  }

  private <T> T call(String what, Callable<T> body) {
    try {
      return RetryLoop.callWithRetry(zkClient, body);
    } catch (EpumException | DuplicateRequestException e) {
      throw e;
    } catch (KeeperException e) {
      if (CONNECTION_PROBLEMS.contains(e.code())) {
        throw unavailable(what, e);
      }
      throw EpumException.internal("unexpected ZooKeeper failure " + e.code() + " during the " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw EpumException.storeUnavailable("interrupted while waiting for ZooKeeper during the " + what
          + "; it may or may not have taken effect", e);
    } catch (Exception e) {
      throw EpumException.internal("unexpected failure during the " + what, e);
    }
  }

  static EpumException unavailable(String what, Throwable cause) {
    return EpumException.storeUnavailable("the store is unreachable (ZooKeeper connection lost or session expired)"
        + " and could not complete the " + what + "; the call may be retried", cause);
  }
}
