package org.epum.client.cli;

import org.epum.client.EpumClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code epumctl domain describe DOMAIN}: header, config, instance table. */
@Command(name = "describe", aliases = "show", description = "Show a domain and its instances.")
final class DomainDescribeCommand extends ClientCommand {
  @Parameters(paramLabel = "DOMAIN", description = "Domain id")
  String domainId;

  @Override
  protected void run(EpumClient client, Printer out) {
    var d = client.describeDomain(domainId);
    if (out.structured()) {
      out.document(Views.domain(d));
    } else {
      DomainTables.describe(d, out);
    }
  }
}
