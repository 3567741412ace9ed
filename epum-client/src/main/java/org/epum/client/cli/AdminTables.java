package org.epum.client.cli;

import java.util.List;
import java.util.Map;
import org.epum.proto.v1.DomainPass;
import org.epum.proto.v1.RunDeciderResponse;

/** Table-format helpers shared by the admin commands and the event log. */
final class AdminTables {
  private AdminTables() {}

  /** "LAUNCH BELOW_TARGET [i-1, i-2]: message" from a decision view. */
  static String decision(Map<String, Object> d) {
    StringBuilder s = new StringBuilder()
        .append(d.get("action")).append(' ').append(d.get("reason"));
    List<?> ids = (List<?>) d.get("instance_ids");
    if (!ids.isEmpty()) {
      s.append(' ').append(ids);
    }
    String message = (String) d.get("message");
    if (!message.isBlank()) {
      s.append(": ").append(message);
    }
    return s.toString();
  }

  static Table decider(RunDeciderResponse r) {
    Table table = new Table("OWNER", "DOMAIN", "DECISION", "ERROR", "DELETED");
    for (DomainPass p : r.getDomainsList()) {
      if (p.getDecisionsCount() == 0) {
        table.row(p.getOwner(), p.getDomainId(), null, p.getError(), p.getDeleted() ? "yes" : "");
      }
      p.getDecisionsList().forEach(d -> table.row(p.getOwner(), p.getDomainId(),
          decision(Views.decision(d)), p.getError(), p.getDeleted() ? "yes" : ""));
    }
    return table;
  }
}
