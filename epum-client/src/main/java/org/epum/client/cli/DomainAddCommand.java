package org.epum.client.cli;

import java.util.ArrayList;
import java.util.List;
import org.epum.client.EpumClient;
import org.epum.proto.v1.Domain;
import org.epum.proto.v1.SubscriberRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code epumctl domain add DOMAIN --definition DEF [--file F] [--set s.k=v]...
 * [--subscriber NAME=HOST:PORT]...}.
 */
@Command(name = "add", aliases = "create",
    description = "Create a domain from a definition plus config overrides.")
final class DomainAddCommand extends ClientCommand {
  @Parameters(paramLabel = "DOMAIN", description = "Domain id")
  String domainId;

  @Option(names = {"-d", "--definition"}, paramLabel = "DEF", required = true,
      description = "Definition to create the domain from")
  String definitionId;

  @Option(names = "--subscriber", paramLabel = "NAME=HOST:PORT",
      description = "Subscriber told about instance states (repeatable)")
  List<String> subscribers = new ArrayList<>();

  @Mixin ConfigOptions config;
  @Mixin RequestIdOption write;

  @Override
  protected void run(EpumClient client, Printer out) {
    List<SubscriberRef> refs = subscribers.stream().map(this::subscriber).toList();
    Domain d = client.addDomain(domainId, definitionId, config.load(), refs, write.writeOptions());
    if (out.structured()) {
      out.document(Views.domain(d));
    } else {
      out.line("domain " + d.getDomainId() + " added (config_version "
          + d.getConfigVersion() + ")");
    }
  }

  private SubscriberRef subscriber(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0 || eq == text.length() - 1) {
      throw new ParameterException(spec.commandLine(),
          "bad --subscriber '" + text + "': expected NAME=HOST:PORT");
    }
    return SubscriberRef.newBuilder().setName(text.substring(0, eq).strip())
        .setEndpoint(text.substring(eq + 1).strip()).build();
  }
}
