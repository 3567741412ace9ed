package org.epum.client.cli;

import org.epum.client.EpumClient;
import org.epum.proto.v1.Definition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code epumctl definition add ID [--file F] [--set s.k=v]... [--description T]}. */
@Command(name = "add", aliases = "create", description = "Create a definition (admin).")
final class DefinitionAddCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "Definition id")
  String definitionId;

  @Option(names = "--description", paramLabel = "TEXT", description = "Free text for humans")
  String description = "";

  @Mixin ConfigOptions config;
  @Mixin RequestIdOption write;

  @Override
  protected void run(EpumClient client, Printer out) {
    Definition d = client.createDefinition(
        definitionId, config.load(), description, write.writeOptions());
    if (out.structured()) {
      out.document(Views.definition(d));
    } else {
      out.line("definition " + d.getDefinitionId() + " created (version " + d.getVersion() + ")");
    }
  }
}
