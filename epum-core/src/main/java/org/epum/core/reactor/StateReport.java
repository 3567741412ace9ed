package org.epum.core.reactor;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.epum.core.domain.InstanceState;

/**
 * A Provisioner's report of an instance's state. Empty strings mean "not reported"; only reported
 * fields are overlaid on the stored record.
 *
 * @param updateCounter null when the Provisioner sent none
 */
public record StateReport(String nodeId, InstanceState state, Long updateCounter, String iaasId, String publicIp,
    String privateIp, String hostname, String stateDesc, Map<String, String> properties) {
  public StateReport {
    requireNonNull(nodeId, "nodeId");
    requireNonNull(state, "state");
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  public static StateReport of(String nodeId, InstanceState state) {
    return new StateReport(nodeId, state, null, "", "", "", "", "", Map.of());
  }

  public StateReport withUpdateCounter(long counter) {
    return new StateReport(nodeId, state, counter, iaasId, publicIp, privateIp, hostname, stateDesc, properties);
  }

  public StateReport withPublicIp(String ip) {
    return new StateReport(nodeId, state, updateCounter, iaasId, ip, privateIp, hostname, stateDesc, properties);
  }
}
