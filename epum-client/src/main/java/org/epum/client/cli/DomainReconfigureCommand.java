package org.epum.client.cli;

import org.epum.client.EpumClient;
import org.epum.proto.v1.Domain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code epumctl domain reconfigure DOMAIN [--file F] [--set s.k=v]... [--expected-version V]}. */
@Command(name = "reconfigure", description = {
    "Merge config into a domain's stored config (section by section).",
    "The server validates the result; an invalid config changes nothing (exit 5)."})
final class DomainReconfigureCommand extends ClientCommand {
  @Parameters(paramLabel = "DOMAIN", description = "Domain id")
  String domainId;

  @Mixin ConfigOptions config;
  @Mixin VersionedWriteOptions write;

  @Override
  protected void run(EpumClient client, Printer out) {
    if (config.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "nothing to reconfigure: give --file and/or --set");
    }
    Domain d = client.reconfigureDomain(domainId, config.load(), write.writeOptions());
    if (out.structured()) {
      out.document(Views.domain(d));
    } else {
      out.line("domain " + d.getDomainId() + " reconfigured (config_version "
          + d.getConfigVersion() + ")");
    }
  }
}
