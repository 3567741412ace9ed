package org.epum.server.cloud;

import jakarta.inject.Inject;
import java.util.Map;
import org.epum.core.domain.InstanceState;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.reactor.InstanceStateIntake;
import org.epum.core.reactor.StateReport;
import org.epum.proto.v1.NodeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import static java.util.Objects.requireNonNull;

/**
 * The embedded Provisioner's push: straight into this server's InstanceStates intake (the same
 * code the gRPC service runs), so no token or port is needed. A node EPUM does not know (its
 * record was reaped) is acknowledged and dropped; store failures are thrown for a retry.
 */
public final class IntakeStateSink implements InstanceStateSink {
  private static final Logger log = LoggerFactory.getLogger(IntakeStateSink.class);

  private final InstanceStateIntake intake;

  @Inject
  public IntakeStateSink(InstanceStateIntake intake) {
    this.intake = requireNonNull(intake);
  }

  @Override
  public void push(NodeRecord node) {
    InstanceState state = InstanceState.fromCode(node.getStateValue())
        .orElseThrow(() -> new IllegalStateException("node " + node.getInstanceId() + " has no state"));
    var report = new StateReport(node.getInstanceId(), state, node.getUpdateCounter(), node.getIaasId(),
        node.getPublicIp(), node.getPrivateIp(), node.getHostname(), node.getStateDesc(), Map.of());
    try {
      intake.report(report);
    } catch (EpumException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
      log.info("instance={} is not known to EPUM; dropping its state {}", node.getInstanceId(), state);
    }
  }
}
