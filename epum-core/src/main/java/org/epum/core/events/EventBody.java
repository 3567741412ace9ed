package org.epum.core.events;

import java.util.List;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.DecisionReason;

/** What a domain event says. */
public sealed interface EventBody {
  /** What the engine did, or why it did nothing. */
  record Decision(Action action, DecisionReason reason, List<String> instanceIds, String message)
      implements EventBody {
    public Decision {
      instanceIds = List.copyOf(instanceIds);
      message = message == null ? "" : message;
    }

    /** Same decision apart from the instances it named (for suppressing repeated no-actions). */
    public boolean sameAs(Decision other) {
      return action == other.action && reason == other.reason && message.equals(other.message)
          && instanceIds.equals(other.instanceIds);
    }
  }

  record InstanceStateChange(String instanceId, InstanceState from, InstanceState to) implements EventBody {}

  record HealthChange(String instanceId, HealthState from, HealthState to, String reason) implements EventBody {}

  record DomainChange(String change, long configVersion) implements EventBody {}

  enum Action { NONE, LAUNCH, TERMINATE }
}
