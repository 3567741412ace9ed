package org.epum.client.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.epum.proto.v1.DomainEvent;
import org.epum.proto.v1.ListDomainEventsResponse;

/**
 * Domain events as plain views and one-line summaries. The view names the event's kind
 * ("instance_state", "health", "decision", "domain") and carries its detail under that key.
 */
final class EventViews {
  private EventViews() {}

  static Map<String, Object> list(ListDomainEventsResponse r) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("events", r.getEventsList().stream().map(EventViews::event).toList());
    v.put("last_sequence", r.getLastSequence());
    return v;
  }

  static Map<String, Object> event(DomainEvent e) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("sequence", e.getSequence());
    v.put("time", Views.time(e.hasTime(), e.getTime()));
    v.put("owner", e.getOwner());
    v.put("domain_id", e.getDomainId());
    String kind = kind(e);
    v.put("kind", kind);
    v.put(kind, detail(e));
    return v;
  }

  static String kind(DomainEvent e) {
    return switch (e.getKindCase()) {
      case INSTANCE_STATE -> "instance_state";
      case HEALTH -> "health";
      case DECISION -> "decision";
      case DOMAIN -> "domain";
      case KIND_NOT_SET -> "unknown";
    };
  }

  /** One line for the table format. */
  static String summary(DomainEvent e) {
    return switch (e.getKindCase()) {
      case INSTANCE_STATE -> e.getInstanceState().getInstanceId() + " "
          + Views.state(e.getInstanceState().getFromValue()) + " -> "
          + Views.state(e.getInstanceState().getToValue());
      case HEALTH -> e.getHealth().getInstanceId() + " "
          + Views.health(e.getHealth().getFromValue()) + " -> "
          + Views.health(e.getHealth().getToValue()) + reason(e.getHealth().getReason());
      case DECISION -> AdminTables.decision(Views.decision(e.getDecision()));
      case DOMAIN -> e.getDomain().getChange()
          + " (config_version " + e.getDomain().getConfigVersion() + ")";
      case KIND_NOT_SET -> "";
    };
  }

  private static Object detail(DomainEvent e) {
    Map<String, Object> v = new LinkedHashMap<>();
    switch (e.getKindCase()) {
      case INSTANCE_STATE -> {
        v.put("instance_id", e.getInstanceState().getInstanceId());
        v.put("from", Views.state(e.getInstanceState().getFromValue()));
        v.put("to", Views.state(e.getInstanceState().getToValue()));
      }
      case HEALTH -> {
        v.put("instance_id", e.getHealth().getInstanceId());
        v.put("from", Views.health(e.getHealth().getFromValue()));
        v.put("to", Views.health(e.getHealth().getToValue()));
        v.put("reason", e.getHealth().getReason());
      }
      case DECISION -> v.putAll(Views.decision(e.getDecision()));
      case DOMAIN -> {
        v.put("change", e.getDomain().getChange());
        v.put("config_version", e.getDomain().getConfigVersion());
      }
      case KIND_NOT_SET -> {
        return null;
      }
    }
    return v;
  }

  private static String reason(String reason) {
    return reason.isBlank() ? "" : " (" + reason + ")";
  }
}
