package org.epum.client.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.epum.client.EpumClient;
import org.epum.proto.v1.ServerStatus;
import picocli.CommandLine.Command;

/** {@code epumctl admin status}: the replica this client reached. */
@Command(name = "status", description = "Show the server replica's status.")
final class AdminStatusCommand extends ClientCommand {
  @Override
  protected void run(EpumClient client, Printer out) {
    ServerStatus s = client.getServerStatus();
    if (out.structured()) {
      out.document(AdminViews.status(s));
      return;
    }
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("Replica", s.getReplicaId());
    block.put("Version", s.getVersion());
    block.put("Listen", s.getListen());
    block.put("Store", s.getStore() + (s.getStoreAvailable() ? " (available)" : " (UNAVAILABLE)"));
    block.put("External decide", s.getExternalDecide());
    block.put("Now", Views.time(s.hasNow(), s.getNow()));
    block.put("Started", Views.time(s.hasStarted(), s.getStarted()));
    block.put("Leading", String.join(", ", s.getLeadingList()));
    out.block(block);
  }
}
