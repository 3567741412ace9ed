package org.epum.client.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.epum.client.EpumClient;
import org.epum.proto.v1.DeployableType;
import org.epum.proto.v1.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code epumctl dtrs ...}: what the deployable type registry knows. */
@Command(
    name = "dtrs",
    description = "Show the deployable type registry: deployable types and sites.",
    subcommands = {DtrsCommand.List.class, DtrsCommand.Describe.class})
final class DtrsCommand extends CommandGroup {
  /** {@code epumctl dtrs list}: every deployable type and site. */
  @Command(name = "list", description = "List deployable types and sites.")
  static final class List extends ClientCommand {
    @Override
    protected void run(EpumClient client, Printer out) {
      var types = client.listDeployableTypes().getNamesList();
      var sites = client.listSites().getNamesList();
      if (out.structured()) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("deployable_types", java.util.List.copyOf(types));
        v.put("sites", java.util.List.copyOf(sites));
        out.document(v);
        return;
      }
      Table table = new Table("KIND", "NAME");
      types.forEach(t -> table.row("deployable_type", t));
      sites.forEach(s -> table.row("site", s));
      out.table(table);
    }
  }

  /** {@code epumctl dtrs describe type|site NAME}. */
  @Command(name = "describe", description = "Describe a deployable type (type NAME) or a site (site NAME).")
  static final class Describe extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KIND", description = "type or site")
    String kind;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    protected void run(EpumClient client, Printer out) {
      Map<String, Object> view = switch (kind) {
        case "type", "deployable_type", "dt" -> type(client.describeDeployableType(name));
        case "site" -> site(client.describeSite(name));
        default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "KIND must be type or site, got '" + kind + "'");
      };
      if (out.structured()) {
        out.document(view);
      } else {
        out.block(view);
      }
    }

    private static Map<String, Object> type(DeployableType t) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("name", t.getName());
      v.put("description", t.getDescription());
      Map<String, Object> sites = new TreeMap<>();
      t.getSitesMap().forEach((site, s) -> {
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("image", s.getImage());
        at.put("default_allocation", s.getDefaultAllocation());
        at.put("properties", Views.config(s.getProperties()));
        sites.put(site, at);
      });
      v.put("sites", sites);
      v.put("document", Views.config(t.getDocument()));
      return v;
    }

    private static Map<String, Object> site(Site s) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("name", s.getName());
      v.put("description", s.getDescription());
      v.put("driver", s.getDriver());
      v.put("properties", Views.config(s.getProperties()));
      return v;
    }
  }

}
