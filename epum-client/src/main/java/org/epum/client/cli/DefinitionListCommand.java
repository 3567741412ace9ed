package org.epum.client.cli;

import java.util.Map;
import org.epum.client.ConfigStructs;
import org.epum.client.EpumClient;
import org.epum.proto.v1.Definition;
import org.epum.proto.v1.ListDefinitionsResponse;
import picocli.CommandLine.Command;

/** {@code epumctl definition list}: json/yaml print an array of definitions. */
@Command(name = "list", aliases = "ls", description = "List definitions.")
final class DefinitionListCommand extends ClientCommand {
  @Override
  protected void run(EpumClient client, Printer out) {
    ListDefinitionsResponse list = client.listDefinitions(true);
    if (out.structured()) {
      out.document(list.getDefinitionsList().stream().map(Views::definition).toList());
      return;
    }
    Table table = new Table("DEFINITION", "VERSION", "ENGINE", "DESCRIPTION", "UPDATED");
    for (Definition d : list.getDefinitionsList()) {
      table.row(d.getDefinitionId(), d.getVersion(), engine(d), d.getDescription(),
          Views.time(d.hasUpdateTime(), d.getUpdateTime()));
    }
    out.table(table);
  }

  private static Object engine(Definition d) {
    Object general = ConfigStructs.toMap(d.getConfig()).get("general");
    return general instanceof Map<?, ?> m ? m.get("engine_class") : null;
  }
}
