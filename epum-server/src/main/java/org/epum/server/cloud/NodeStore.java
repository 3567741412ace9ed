package org.epum.server.cloud;

import java.util.List;
import org.epum.proto.v1.NodeRecord;

/**
 * Where the embedded Provisioner keeps its own state, so it survives a restart: one record per
 * node and the highest decider epoch it has seen. Called under the provisioner's lock; may block.
 */
public interface NodeStore {
  List<NodeRecord> loadAll();

  void put(NodeRecord node);

  long epoch();

  void putEpoch(long epoch);
}
