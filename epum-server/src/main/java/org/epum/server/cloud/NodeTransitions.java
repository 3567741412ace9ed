package org.epum.server.cloud;

import java.util.function.UnaryOperator;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.NodeRecord;

/** How a driver moves a node: only upward, and never out of a final state (TERMINATED, FAILED, REJECTED). */
public interface NodeTransitions {
  /**
   * Moves the node to {@code to}, setting the given fields, if that is a move upward; returns
   * false (and changes nothing) otherwise, e.g. when a terminate overtook a boot step.
   */
  boolean advance(String instanceId, InstanceState to, UnaryOperator<NodeRecord.Builder> fields);
}
