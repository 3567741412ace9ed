package org.epum.client.cli;

import java.time.Instant;
import org.epum.client.EpumClient;
import org.epum.proto.v1.ReapedInstance;
import org.epum.proto.v1.RunReaperResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code epumctl admin reap [--at T]}: one reaper pass (external-decide mode only). */
@Command(name = "reap", description = "Run one reaper pass, optionally at a set clock time.")
final class AdminReapCommand extends ClientCommand {
  @Option(names = "--at", paramLabel = "TIME", converter = InstantConverter.class,
      description = "Set the server's manual clock to this ISO-8601 instant first")
  Instant at;

  @Override
  protected void run(EpumClient client, Printer out) {
    RunReaperResponse r = at == null ? client.runReaper() : client.runReaper(at);
    if (out.structured()) {
      out.document(AdminViews.reaper(r));
      return;
    }
    out.line("reaper pass: " + r.getReapedCount() + " instance record(s) deleted");
    if (r.getReapedCount() > 0) {
      Table table = new Table("OWNER", "DOMAIN", "INSTANCE", "STATE");
      for (ReapedInstance i : r.getReapedList()) {
        table.row(i.getOwner(), i.getDomainId(), i.getInstanceId(), Views.state(i.getStateValue()));
      }
      out.table(table);
    }
  }
}
