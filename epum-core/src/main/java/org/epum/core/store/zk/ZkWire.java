package org.epum.core.store.zk;

import java.util.List;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;

/**
 * The raw ZooKeeper calls the store makes itself, one attempt each and no retries (the
 * {@link Transactor} decides what a retry means). Paths are the store's own, without the Curator
 * namespace. An interface so tests can drop the connection at exactly the wrong moment.
 */
interface ZkWire {
  /** Runs the steps as one multi; a failed op surfaces as a KeeperException carrying the results. */
  List<OpResult> multi(List<Txn.Step> steps) throws KeeperException, InterruptedException;

  /** Reads a node; NoNodeException when absent. Counts as a direct read. */
  byte[] getData(String path, Stat stat) throws KeeperException, InterruptedException;

  /** Lists a node's children; NoNodeException when absent. Counts as a direct read. */
  List<String> getChildren(String path) throws KeeperException, InterruptedException;

  /** Brings the connected server up to date with the leader, before a read that must not be stale. */
  void sync(String path) throws KeeperException, InterruptedException;

  /** How many getData/getChildren calls were made. */
  long directReads();

  /** How many multis (the store's only writes) were sent, successful or not. */
  long writes();
}
