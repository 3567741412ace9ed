package org.epum.client.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.epum.client.EpumClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code epumctl definition remove ID [--expected-version V]}. Domains keep their config. */
@Command(name = "remove", aliases = {"rm", "delete"}, description = "Remove a definition (admin).")
final class DefinitionRemoveCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "Definition id")
  String definitionId;

  @Mixin VersionedWriteOptions write;

  @Override
  protected void run(EpumClient client, Printer out) {
    client.removeDefinition(definitionId, write.writeOptions());
    if (out.structured()) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("definition_id", definitionId);
      v.put("removed", true);
      out.document(v);
    } else {
      out.line("definition " + definitionId + " removed");
    }
  }
}
