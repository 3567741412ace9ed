package org.epum.client.cli;

import java.time.Instant;
import org.epum.client.EpumClient;
import org.epum.proto.v1.HealthTransition;
import org.epum.proto.v1.RunDoctorResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code epumctl admin doctor [--at T]}: one doctor pass (external-decide mode only). */
@Command(name = "doctor", description = "Run one doctor pass, optionally at a set clock time.")
final class AdminDoctorCommand extends ClientCommand {
  @Option(names = "--at", paramLabel = "TIME", converter = InstantConverter.class,
      description = "Set the server's manual clock to this ISO-8601 instant first")
  Instant at;

  @Override
  protected void run(EpumClient client, Printer out) {
    RunDoctorResponse r = at == null ? client.runDoctor() : client.runDoctor(at);
    if (out.structured()) {
      out.document(AdminViews.doctor(r));
      return;
    }
    out.line("doctor pass: " + r.getTransitionsCount() + " health transition(s), "
        + r.getProbes() + " probe(s)");
    if (r.getTransitionsCount() > 0) {
      Table table = new Table("OWNER", "DOMAIN", "INSTANCE", "FROM", "TO", "REASON");
      for (HealthTransition t : r.getTransitionsList()) {
        table.row(t.getOwner(), t.getDomainId(), t.getInstanceId(),
            Views.health(t.getFromValue()), Views.health(t.getToValue()), t.getReason());
      }
      out.table(table);
    }
  }
}
