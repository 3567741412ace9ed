package org.epum.server.cloud;

import org.epum.proto.v1.NodeRecord;

/**
 * Where the Provisioner pushes node records: EPUM's InstanceStates service. Returns when EPUM has
 * acknowledged the record (accepted or dropped as stale); throws when the push should be retried.
 * May block; called on the provisioner's scheduler.
 */
public interface InstanceStateSink {
  void push(NodeRecord node);
}
