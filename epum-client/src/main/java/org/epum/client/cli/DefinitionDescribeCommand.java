package org.epum.client.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.epum.client.EpumClient;
import org.epum.proto.v1.Definition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code epumctl definition describe ID}: header, config as YAML, engine documentation. */
@Command(name = "describe", aliases = "show", description = "Show a definition.")
final class DefinitionDescribeCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "Definition id")
  String definitionId;

  @Override
  protected void run(EpumClient client, Printer out) {
    Definition d = client.describeDefinition(definitionId);
    if (out.structured()) {
      out.document(Views.definition(d));
      return;
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("Definition", d.getDefinitionId());
    header.put("Version", d.getVersion());
    header.put("Description", d.getDescription());
    header.put("Created", Views.time(d.hasCreateTime(), d.getCreateTime()));
    header.put("Updated", Views.time(d.hasUpdateTime(), d.getUpdateTime()));
    out.block(header);
    out.indentedYaml("Config", Views.config(d.getConfig()));
    if (!d.getDocumentation().isBlank()) {
      out.line("Documentation:");
      d.getDocumentation().lines().forEach(l -> out.line("  " + l));
    }
  }
}
