package org.epum.client.cli;

import org.epum.client.EpumClient;
import org.epum.proto.v1.RunDeciderResponse;
import picocli.CommandLine.Command;

/** {@code epumctl admin decide}: one decider pass (external-decide mode only). */
@Command(name = "decide", description = "Run one decider pass now (external-decide mode).")
final class AdminDecideCommand extends ClientCommand {
  @Override
  protected void run(EpumClient client, Printer out) {
    RunDeciderResponse r = client.runDecider();
    if (out.structured()) {
      out.document(AdminViews.decider(r));
      return;
    }
    out.line("decider pass ran over " + r.getDomainsCount() + " domain(s)");
    if (r.getDomainsCount() > 0) {
      out.table(AdminTables.decider(r));
    }
  }
}
