package org.epum.server.grpc;

import org.epum.core.domain.DomainKey;
import org.epum.core.events.DomainEvent;
import org.epum.core.events.EventBody;
import org.epum.proto.v1.Decision;
import org.epum.proto.v1.DecisionAction;
import org.epum.proto.v1.DecisionReason;
import org.epum.proto.v1.DomainChanged;
import org.epum.proto.v1.HealthChanged;
import org.epum.proto.v1.InstanceStateChanged;

/** Domain events and decisions to their protobuf form. */
final class EventMapper {
  private EventMapper() {}

  static Decision decision(EventBody.Decision d) {
    return Decision.newBuilder().setAction(DecisionAction.valueOf("DECISION_ACTION_" + d.action().name()))
        .setReason(DecisionReason.valueOf("DECISION_REASON_" + d.reason().name()))
        .addAllInstanceIds(d.instanceIds()).setMessage(d.message()).build();
  }

  static org.epum.proto.v1.DomainEvent event(DomainKey key, DomainEvent e) {
    var b = org.epum.proto.v1.DomainEvent.newBuilder().setSequence(e.sequence())
        .setTime(ProtoMapper.timestamp(e.time())).setOwner(key.owner()).setDomainId(key.domainId());
    EventBody body = e.body();
    if (body instanceof EventBody.Decision d) {
      b.setDecision(decision(d));
    } else if (body instanceof EventBody.InstanceStateChange c) {
      b.setInstanceState(InstanceStateChanged.newBuilder().setInstanceId(c.instanceId())
          .setFrom(ProtoMapper.instanceState(c.from())).setTo(ProtoMapper.instanceState(c.to())));
    } else if (body instanceof EventBody.HealthChange h) {
      b.setHealth(HealthChanged.newBuilder().setInstanceId(h.instanceId()).setFrom(ProtoMapper.health(h.from()))
          .setTo(ProtoMapper.health(h.to())).setReason(h.reason() == null ? "" : h.reason()));
    } else if (body instanceof EventBody.DomainChange c) {
      b.setDomain(DomainChanged.newBuilder().setChange(c.change()).setConfigVersion(c.configVersion()));
    }
    return b.build();
  }
}
