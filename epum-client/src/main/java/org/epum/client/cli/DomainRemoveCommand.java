package org.epum.client.cli;

import org.epum.client.EpumClient;
import org.epum.proto.v1.Domain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code epumctl domain remove DOMAIN [--expected-version V]}: starts removal, returns at once. */
@Command(name = "remove", aliases = {"rm", "delete"}, description = {
    "Remove a domain: its instances are terminated, then it is deleted.",
    "Returns once removal has started; the domain shows lifecycle REMOVING until it is gone."})
final class DomainRemoveCommand extends ClientCommand {
  @Parameters(paramLabel = "DOMAIN", description = "Domain id")
  String domainId;

  @Mixin VersionedWriteOptions write;

  @Override
  protected void run(EpumClient client, Printer out) {
    Domain d = client.removeDomain(domainId, write.writeOptions());
    if (out.structured()) {
      out.document(Views.domain(d));
    } else {
      out.line("domain " + domainId + " removing (lifecycle " + Views.lifecycle(d)
          + "; its instances are being terminated)");
    }
  }
}
