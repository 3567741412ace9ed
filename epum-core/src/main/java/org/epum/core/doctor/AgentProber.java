package org.epum.core.doctor;

/**
 * Asks an instance's agent to send a heartbeat now (Agent.DumpState). Must not block the caller:
 * implementations send in the background with their own deadline; the answer, if any, arrives
 * as an ordinary heartbeat.
 */
@FunctionalInterface
public interface AgentProber {
  void probe(String agentAddress, String nodeId);
}
