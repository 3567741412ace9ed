package org.epum.core.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.domain.Subscriber;

/**
 * Which subscriber notifications an accepted state report causes (DESIGN §3): every accepted
 * RUNNING report notifies {@code 600-RUNNING} (a newer RUNNING record, e.g. a new address, is news
 * too); the first move from RUNNING past it notifies {@code 900-FAILED}, once per instance, so a
 * subscriber that was told the node runs is told it no longer does. Lower states notify nothing,
 * and an instance that never ran notifies nothing when it fails (no subscriber was told of it).
 */
public final class NotificationRules {
  private NotificationRules() {}

  /** The state to notify for a report that moved {@code previous} to {@code current}, if any. */
  public static Optional<InstanceState> stateToNotify(InstanceRecord previous, InstanceRecord current) {
    if (current.state() == InstanceState.RUNNING) {
      return Optional.of(InstanceState.RUNNING);
    }
    if (current.state().isAtLeast(InstanceState.RUNNING_FAILED) && previous.state() == InstanceState.RUNNING) {
      return Optional.of(InstanceState.FAILED);
    }
    return Optional.empty();
  }

  /** One notification per subscriber, in subscription order. */
  public static List<Notification> notifications(DomainKey key, List<Subscriber> subscribers, InstanceRecord current,
      InstanceState state) {
    Map<String, String> properties = Map.of("hostname", current.publicIp());
    List<Notification> out = new ArrayList<>(subscribers.size());
    for (Subscriber s : subscribers) {
      out.add(new Notification(s, key, current.instanceId(), state, properties));
    }
    return out;
  }
}
