package org.epum.core.store.zk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.CreateOptions;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * {@link ZkWire} on the ZooKeeper handle of a started Curator client, honouring its namespace.
 * Creates use the create2 form so a multi reports the new node's stat (and so the transaction's
 * zxid, which writers wait for in the cache).
 */
final class CuratorZkWire implements ZkWire {
  private static final CreateOptions PERSISTENT =
      CreateOptions.newBuilder(ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT).build();

  private final CuratorFramework client;
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();

  CuratorZkWire(CuratorFramework client) {
    this.client = client;
  }

  @Override
  public List<OpResult> multi(List<Txn.Step> steps) throws KeeperException, InterruptedException {
    List<Op> ops = new ArrayList<>(steps.size());
    for (Txn.Step s : steps) {
      String p = full(s.path());
      ops.add(switch (s.kind()) {
        case CREATE -> Op.create(p, s.data(), PERSISTENT);
        case SET -> Op.setData(p, s.data(), s.version());
        case DELETE -> Op.delete(p, s.version());
        case CHECK -> Op.check(p, s.version());
      });
    }
    writes.incrementAndGet();
    return zk().multi(ops);
  }

  @Override
  public byte[] getData(String path, Stat stat) throws KeeperException, InterruptedException {
    reads.incrementAndGet();
    return zk().getData(full(path), false, stat);
  }

  @Override
  public List<String> getChildren(String path) throws KeeperException, InterruptedException {
    reads.incrementAndGet();
    return zk().getChildren(full(path), false);
  }

  @Override
  public void sync(String path) throws KeeperException, InterruptedException {
    zk().sync(full(path));
  }

  @Override
  public long directReads() {
    return reads.get();
  }

  @Override
  public long writes() {
    return writes.get();
  }

  private String full(String path) {
    return ZKPaths.fixForNamespace(client.getNamespace(), path);
  }

  private ZooKeeper zk() throws KeeperException, InterruptedException {
    try {
      return client.getZookeeperClient().getZooKeeper();
    } catch (KeeperException | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      // Curator could not hand out a handle (reconnecting, a queued background failure): the
      // same situation as a dropped connection, and retried as one.
      KeeperException loss = KeeperException.create(KeeperException.Code.CONNECTIONLOSS);
      loss.initCause(e);
      throw loss;
    }
  }
}
