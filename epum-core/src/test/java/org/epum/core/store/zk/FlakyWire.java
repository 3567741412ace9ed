package org.epum.core.store.zk;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;

/**
 * A {@link ZkWire} that can lose the connection around the next multi: before it is sent (it never
 * lands) or after it landed (its reply is lost), with something else happening in between. This
 * reproduces exactly the ambiguous writes that a real connection loss makes possible, on demand.
 */
final class FlakyWire implements ZkWire {
  enum Drop { BEFORE_SENDING, AFTER_LANDING }

  private record Fault(Drop drop, Runnable meanwhile) {}

  private final ZkWire real;
  private final AtomicReference<Fault> next = new AtomicReference<>();

  FlakyWire(ZkWire real) {
    this.real = real;
  }

  /** The next multi loses its connection as {@code drop} says; {@code meanwhile} runs at the cut. */
  void dropNextMulti(Drop drop, Runnable meanwhile) {
    next.set(new Fault(drop, meanwhile));
  }

  @Override
  public List<OpResult> multi(List<Txn.Step> steps) throws KeeperException, InterruptedException {
    Fault fault = next.getAndSet(null);
    if (fault == null) {
      return real.multi(steps);
    }
    if (fault.drop() == Drop.AFTER_LANDING) {
      real.multi(steps);
    }
    runElsewhere(fault.meanwhile());
    throw new KeeperException.ConnectionLossException();
  }

  /**
   * Runs the interference on its own thread: Curator shares one retry loop per thread, so a store
   * call nested inside this one's retry loop would end it.
   */
  private static void runElsewhere(Runnable meanwhile) throws InterruptedException {
    Thread t = new Thread(meanwhile, "flaky-wire-meanwhile");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    t.setUncaughtExceptionHandler((thread, e) -> failure.set(e));
    t.start();
    t.join(TimeUnit.SECONDS.toMillis(30));
    if (t.isAlive() || failure.get() != null) {
      throw new AssertionError("the interfering write did not complete", failure.get());
    }
  }

  @Override
  public byte[] getData(String path, Stat stat) throws KeeperException, InterruptedException {
    return real.getData(path, stat);
  }

  @Override
  public List<String> getChildren(String path) throws KeeperException, InterruptedException {
    return real.getChildren(path);
  }

  @Override
  public void sync(String path) throws KeeperException, InterruptedException {
    real.sync(path);
  }

  @Override
  public long directReads() {
    return real.directReads();
  }

  @Override
  public long writes() {
    return real.writes();
  }
}
