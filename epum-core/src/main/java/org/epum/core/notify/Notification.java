package org.epum.core.notify;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.InstanceState;
import org.epum.core.domain.Subscriber;

/**
 * One {@code Subscriber.NodeState} call to make: the subscriber, the instance and the state to
 * tell it (RUNNING or FAILED).
 *
 * @param properties what the subscriber learns about the node; {@code hostname} is the public address
 */
public record Notification(Subscriber subscriber, DomainKey domain, String nodeId, InstanceState state,
    Map<String, String> properties) {
  public Notification {
    requireNonNull(subscriber, "subscriber");
    requireNonNull(domain, "domain");
    requireNonNull(nodeId, "nodeId");
    requireNonNull(state, "state");
    properties = Map.copyOf(properties);
  }
}
