package org.epum.client.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.epum.proto.v1.Domain;
import org.epum.proto.v1.Instance;

/** The table-format rendering of domains. */
final class DomainTables {
  private DomainTables() {}

  static void list(List<Domain> domains, Printer out) {
    Table table = new Table(
        "DOMAIN", "DEFINITION", "LIFECYCLE", "ENGINE STATE", "INSTANCES", "CONFIG VERSION");
    for (Domain d : domains) {
      table.row(d.getDomainId(), d.getDefinitionId(), Views.lifecycle(d), Views.engineState(d),
          d.getInstancesCount(), d.getConfigVersion());
    }
    out.table(table);
  }

  static void describe(Domain d, Printer out) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("Domain", d.getDomainId());
    header.put("Owner", d.getOwner());
    header.put("Definition", d.getDefinitionId());
    header.put("Lifecycle", Views.lifecycle(d));
    header.put("Engine state", Views.engineState(d));
    header.put("Config version", d.getConfigVersion());
    header.put("Created", Views.time(d.hasCreateTime(), d.getCreateTime()));
    header.put("Updated", Views.time(d.hasUpdateTime(), d.getUpdateTime()));
    header.put("Subscribers", d.getSubscribersList().stream()
        .map(s -> s.getName() + "=" + s.getEndpoint()).collect(Collectors.joining(", ")));
    out.block(header);
    out.indentedYaml("Config", Views.config(d.getConfig()));
    out.line("Instances (" + d.getInstancesCount() + "):");
    if (d.getInstancesCount() > 0) {
      Table table = new Table("ID", "STATE", "HEALTH", "SITE", "PUBLIC IP");
      for (Instance i : d.getInstancesList()) {
        table.row(i.getInstanceId(), Views.state(i.getStateValue()),
            Views.health(i.getHealthValue()), i.getSite(), i.getPublicIp());
      }
      out.table(table);
    }
  }
}
