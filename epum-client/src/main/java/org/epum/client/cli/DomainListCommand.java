package org.epum.client.cli;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import org.epum.client.EpumClient;
import org.epum.client.EpumClientException;
import org.epum.proto.v1.Domain;
import picocli.CommandLine.Command;

/**
 * {@code epumctl domain list}: json/yaml print an array of domains, each shaped like {@code
 * domain describe}. The list RPC carries no instances, so each domain is described; one removed
 * in between is left out rather than failing the whole list.
 */
@Command(name = "list", aliases = "ls", description = "List domains.")
final class DomainListCommand extends ClientCommand {
  @Override
  protected void run(EpumClient client, Printer out) {
    List<Domain> domains = new ArrayList<>();
    for (String id : client.listDomains(false).getDomainIdsList()) {
      try {
        domains.add(client.describeDomain(id));
      } catch (EpumClientException e) {
        if (e.code() != Status.Code.NOT_FOUND) {
          throw e;
        }
      }
    }
    if (out.structured()) {
      out.document(domains.stream().map(Views::domain).toList());
    } else {
      DomainTables.list(domains, out);
    }
  }
}
