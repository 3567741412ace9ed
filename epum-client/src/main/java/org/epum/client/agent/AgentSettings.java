package org.epum.client.agent;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * Everything an agent needs, resolved from its flags and environment.
 *
 * @param nodeId the instance id EPUM gave in the launch vars (node_id)
 * @param heartbeatDest EPUM's heartbeat address, host:port (launch var heartbeat_dest)
 * @param token bearer token with the agent role, or null when EPUM runs without auth
 * @param interval time between heartbeats
 * @param transport stream (client-streaming, reconnecting) or unary calls
 * @param callTimeout deadline of each unary call
 * @param supervise commands to run and watch
 * @param metricsCommand prints {@code name value} lines on each heartbeat; null for none
 * @param listen where the Agent service (DumpState) listens, host:port (port 0: any free one)
 * @param advertise the address sent in heartbeats for the probe; null to derive it from listen
 */
public record AgentSettings(String nodeId, String heartbeatDest, String token, Duration interval,
    Transport transport, Duration callTimeout, List<SupervisedCommand> supervise, String metricsCommand,
    String listen, String advertise) {
  public enum Transport { STREAM, UNARY }

  public AgentSettings {
    requireNonNull(nodeId, "nodeId");
    requireNonNull(heartbeatDest, "heartbeatDest");
    requireNonNull(interval, "interval");
    requireNonNull(transport, "transport");
    requireNonNull(callTimeout, "callTimeout");
    supervise = List.copyOf(supervise);
    requireNonNull(listen, "listen");
  }
}
