package org.epum.core.decider;

import java.util.List;
import java.util.Map;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.provisioner.ProvisionCall;
import org.epum.core.provisioner.Provisioner;
import org.epum.core.provisioner.ProvisionerException;
import org.epum.core.store.Fence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decider's calls to the Provisioner, counted by outcome. A failed call is logged and left
 * for the retry of a later pass: the instance stays REQUESTING (or TERMINATING) in the store.
 */
final class ProvisionerCalls {
  private static final Logger log = LoggerFactory.getLogger(ProvisionerCalls.class);

  private final Provisioner provisioner;
  private final DeciderMetrics metrics;

  ProvisionerCalls(Provisioner provisioner, DeciderMetrics metrics) {
    this.provisioner = provisioner;
    this.metrics = metrics;
  }

  void provision(DomainRecord domain, InstanceRecord launch, Map<String, Object> vars, Fence fence) {
    try {
      provisioner.provision(new ProvisionCall(launch.launchId(), launch.instanceId(), launch.deployableType(),
          launch.site(), launch.allocation(), vars, domain.key().owner(), fence.epoch()));
      metrics.provisionerCall("provision", "ok");
    } catch (ProvisionerException e) {
      metrics.provisionerCall("provision", "failed");
      log.warn("provision of instance {} failed, will retry: {}", launch.instanceId(), e.getMessage());
    }
  }

  /** Returns the ids the Provisioner answered it did not know (none when the call failed). */
  List<String> terminate(DomainKey key, List<String> instanceIds, Fence fence) {
    try {
      List<String> accepted = provisioner.terminateKnown(instanceIds, key.owner(), fence.epoch());
      metrics.provisionerCall("terminate", "ok");
      return instanceIds.stream().filter(id -> !accepted.contains(id)).toList();
    } catch (ProvisionerException e) {
      metrics.provisionerCall("terminate", "failed");
      log.warn("terminate of {} failed, will retry: {}", instanceIds, e.getMessage());
      return List.of();
    }
  }

  void dumpState(List<String> instanceIds) {
    try {
      provisioner.dumpState(instanceIds);
      metrics.provisionerCall("dump_state", "ok");
    } catch (ProvisionerException e) {
      metrics.provisionerCall("dump_state", "failed");
      log.warn("dump_state of {} instance(s) failed: {}", instanceIds.size(), e.getMessage());
    }
  }
}
