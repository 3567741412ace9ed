package org.epum.client.cli;

import org.epum.client.EpumClient;
import org.epum.client.WriteOptions;
import org.epum.proto.v1.Definition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code epumctl definition update ID [--file F] [--set s.k=v]... [--expected-version V]}.
 *
 * <p>The server replaces a definition's config whole, so without --file the --set values are
 * applied to the current config, read first. The version read is sent as the expected version
 * (unless --expected-version is given) so a concurrent update is not silently overwritten.
 */
@Command(name = "update", description = {
    "Replace a definition's config (admin).",
    "With --file, the file (plus any --set) is the new config; with only --set, the values are"
        + " applied to the current config."})
final class DefinitionUpdateCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "Definition id")
  String definitionId;

  @Option(names = "--description", paramLabel = "TEXT",
      description = "New description (default: keep the current one)")
  String description;

  @Mixin ConfigOptions config;
  @Mixin VersionedWriteOptions write;

  @Override
  protected void run(EpumClient client, Printer out) {
    if (config.isEmpty() && description == null) {
      throw new ParameterException(spec.commandLine(),
          "nothing to update: give --file, --set or --description");
    }
    Definition current = client.describeDefinition(definitionId);
    WriteOptions options = write.writeOptions();
    if (options.expectedVersion().isEmpty()) {
      options = options.withExpectedVersion(current.getVersion());
    }
    Definition d = client.updateDefinition(definitionId,
        config.load(Views.config(current.getConfig())),
        description == null ? current.getDescription() : description,
        options);
    if (out.structured()) {
      out.document(Views.definition(d));
    } else {
      out.line("definition " + d.getDefinitionId() + " updated (version " + d.getVersion() + ")");
    }
  }
}
