package org.epum.client.cli;

import org.epum.client.EpumClient;
import org.epum.proto.v1.GetLeadersResponse;
import org.epum.proto.v1.RoleLeader;
import picocli.CommandLine.Command;

/** {@code epumctl admin leaders}: who leads each role; json/yaml print an array. */
@Command(name = "leaders", description = "Show who leads each role (decider, doctor, reaper).")
final class AdminLeadersCommand extends ClientCommand {
  @Override
  protected void run(EpumClient client, Printer out) {
    GetLeadersResponse r = client.getLeaders();
    if (out.structured()) {
      out.document(AdminViews.leaders(r));
      return;
    }
    Table table = new Table("ROLE", "LEADER", "EPOCH", "PARTICIPANTS");
    for (RoleLeader l : r.getLeadersList()) {
      table.row(l.getRole(), l.getLeaderId(), l.getEpoch(),
          String.join(", ", l.getParticipantsList()));
    }
    out.table(table);
  }
}
