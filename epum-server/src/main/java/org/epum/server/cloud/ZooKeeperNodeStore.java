package org.epum.server.cloud;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.epum.core.error.EpumException;
import org.epum.proto.v1.NodeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nodes in ZooKeeper under the Provisioner's own root, apart from EPUM's store: {@code
 * <root>/nodes/<instance_id>} holds a NodeRecord, {@code <root>/epoch} the highest epoch seen.
 * Only one embedded Provisioner writes here, so writes are plain sets, not compare-and-set.
 */
public final class ZooKeeperNodeStore implements NodeStore {
  private static final Logger log = LoggerFactory.getLogger(ZooKeeperNodeStore.class);

  private final CuratorFramework curator;
  private final String root;

  public ZooKeeperNodeStore(CuratorFramework curator, String root) {
    this.curator = requireNonNull(curator);
    this.root = requireNonNull(root);
  }

  @Override
  public List<NodeRecord> loadAll() {
    List<NodeRecord> out = new ArrayList<>();
    try {
      if (curator.checkExists().forPath(root + "/nodes") == null) {
        return out;
      }
      for (String id : curator.getChildren().forPath(root + "/nodes")) {
        try {
          out.add(NodeRecord.parseFrom(curator.getData().forPath(root + "/nodes/" + id)));
        } catch (KeeperException.NoNodeException gone) {
          // deleted between the listing and the read
        } catch (InvalidProtocolBufferException e) {
          log.error("provisioner node record {} is unreadable; skipping it", id);
        }
      }
      return out;
    } catch (Exception e) {
      throw unavailable("load nodes", e);
    }
  }

  @Override
  public void put(NodeRecord node) {
    write(root + "/nodes/" + node.getInstanceId(), node.toByteArray());
  }

  @Override
  public long epoch() {
    try {
      if (curator.checkExists().forPath(root + "/epoch") == null) {
        return 0;
      }
      return Long.parseLong(new String(curator.getData().forPath(root + "/epoch"), StandardCharsets.UTF_8).trim());
    } catch (Exception e) {
      throw unavailable("read epoch", e);
    }
  }

  @Override
  public void putEpoch(long epoch) {
    write(root + "/epoch", Long.toString(epoch).getBytes(StandardCharsets.UTF_8));
  }

  private void write(String path, byte[] data) {
    try {
      curator.create().orSetData().creatingParentsIfNeeded().forPath(path, data);
    } catch (Exception e) {
      throw unavailable("write " + path, e);
    }
  }

  private static EpumException unavailable(String what, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return EpumException.storeUnavailable("provisioner store: could not " + what + ": " + e.getClass().getSimpleName(),
        e);
  }
}
