package org.epum.core.store.zk;

import java.time.Instant;
import java.util.List;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.DecisionReason;
import org.epum.core.events.DomainEvent;
import org.epum.core.events.EventBody;
import org.epum.core.store.zk.JsonRecords.EventJson;

/** Domain events to their JSON form and back; the {@code type} field says which body it holds. */
final class EventJsonMapper {
  private EventJsonMapper() {}

  static EventJson toJson(DomainEvent e, String writeId) {
    String time = e.time().toString();
    EventBody body = e.body();
    if (body instanceof EventBody.Decision d) {
      return new EventJson(e.sequence(), time, "decision", d.action().name(), d.reason().name(), d.instanceIds(),
          d.message(), null, null, null, null, null, writeId);
    }
    if (body instanceof EventBody.InstanceStateChange c) {
      return new EventJson(e.sequence(), time, "instance_state", null, null, null, null, c.instanceId(),
          c.from().name(), c.to().name(), null, null, writeId);
    }
    if (body instanceof EventBody.HealthChange h) {
      return new EventJson(e.sequence(), time, "health", null, h.reason(), null, null, h.instanceId(),
          h.from().name(), h.to().name(), null, null, writeId);
    }
    EventBody.DomainChange c = (EventBody.DomainChange) body;
    return new EventJson(e.sequence(), time, "domain", null, null, null, null, null, null, null, c.change(),
        c.configVersion(), writeId);
  }

  static DomainEvent fromJson(EventJson j) {
    EventBody body = switch (j.type()) {
      case "decision" -> new EventBody.Decision(EventBody.Action.valueOf(j.action()),
          DecisionReason.valueOf(j.reason()), j.instanceIds() == null ? List.of() : j.instanceIds(), j.message());
      case "instance_state" -> new EventBody.InstanceStateChange(j.instanceId(), InstanceState.valueOf(j.from()),
          InstanceState.valueOf(j.to()));
      case "health" -> new EventBody.HealthChange(j.instanceId(), HealthState.valueOf(j.from()),
          HealthState.valueOf(j.to()), j.reason());
      case "domain" -> new EventBody.DomainChange(j.change(), j.configVersion() == null ? 0 : j.configVersion());
      default -> throw new IllegalArgumentException("unknown event type " + j.type());
    };
    return new DomainEvent(j.sequence(), Instant.parse(j.time()), body);
  }
}
