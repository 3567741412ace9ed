package org.epum.server.cloud;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.epum.proto.v1.NodeRecord;

/** Nodes in memory (store.type memory): nothing survives a restart. */
public final class MemoryNodeStore implements NodeStore {
  private final Map<String, NodeRecord> nodes = new ConcurrentHashMap<>();
  private final AtomicLong epoch = new AtomicLong();

  @Override
  public List<NodeRecord> loadAll() {
    return List.copyOf(nodes.values());
  }

  @Override
  public void put(NodeRecord node) {
    nodes.put(node.getInstanceId(), node);
  }

  @Override
  public long epoch() {
    return epoch.get();
  }

  @Override
  public void putEpoch(long value) {
    epoch.set(value);
  }
}
