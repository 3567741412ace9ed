package org.epum.core.reactor;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.epum.core.domain.FailedProcess;
import org.epum.core.domain.HealthState;

/**
 * An agent's heartbeat.
 *
 * @param state OK, MONITOR_ERROR or PROCESS_ERROR; null when the agent sent none or one this
 *     server does not know (the intake refuses it)
 * @param errorTime when the agent saw the error; null when it did not say
 */
public record Heartbeat(String nodeId, HealthState state, String error, Instant errorTime,
    List<FailedProcess> failedProcesses, Map<String, Double> metrics, String agentAddress) {
  public Heartbeat {
    requireNonNull(nodeId, "nodeId");
    error = error == null ? "" : error;
    failedProcesses = failedProcesses == null ? List.of() : List.copyOf(failedProcesses);
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    agentAddress = agentAddress == null ? "" : agentAddress;
  }

  public static Heartbeat ok(String nodeId) {
    return new Heartbeat(nodeId, HealthState.OK, "", null, List.of(), Map.of(), "");
  }
}
