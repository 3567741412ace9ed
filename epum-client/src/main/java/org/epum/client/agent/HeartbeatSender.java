package org.epum.client.agent;

import org.epum.proto.v1.HeartbeatRequest;

/**
 * Delivers an agent's heartbeats to EPUM. Called only from the agent's scheduler thread; must not
 * throw: a heartbeat that cannot be delivered is logged and dropped (the next one follows an
 * interval later, and EPUM's doctor tolerates gaps up to the domain's missing_timeout).
 */
public interface HeartbeatSender extends AutoCloseable {
  void send(HeartbeatRequest heartbeat);

  /** Finishes any open stream; the channel belongs to whoever created it. */
  @Override
  void close();
}
