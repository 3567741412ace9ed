package org.epum.client.cli;

import org.epum.client.EpumClient;
import org.epum.proto.v1.DomainEvent;
import org.epum.proto.v1.ListDomainEventsResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code epumctl domain events DOMAIN [--after N] [--limit N]}: the decision log. */
@Command(name = "events",
    description = "Show a domain's kept events (the decision log), oldest first.")
final class DomainEventsCommand extends ClientCommand {
  @Parameters(paramLabel = "DOMAIN", description = "Domain id")
  String domainId;

  @Option(names = "--after", paramLabel = "SEQ", description = "Only events after this sequence")
  long afterSequence;

  @Option(names = "--limit", paramLabel = "N", description = "At most N events (default: server's)")
  int limit;

  @Override
  protected void run(EpumClient client, Printer out) {
    ListDomainEventsResponse r = client.listDomainEvents(domainId, afterSequence, limit);
    if (out.structured()) {
      out.document(EventViews.list(r));
      return;
    }
    Table table = new Table("SEQ", "TIME", "KIND", "DETAIL");
    for (DomainEvent e : r.getEventsList()) {
      table.row(e.getSequence(), Views.time(e.hasTime(), e.getTime()), EventViews.kind(e),
          EventViews.summary(e));
    }
    out.table(table);
  }
}
