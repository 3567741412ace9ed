package org.epum.client.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.epum.client.EpumClient;
import org.epum.proto.v1.SimFaultResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code epumctl sim ...}: fault injection into the embedded provisioner's simulated cloud (admin). */
@Command(
    name = "sim",
    description = "Inject faults into the simulated cloud (embedded provisioner, sim driver).",
    subcommands = {SimCommand.Kill.class, SimCommand.FailSite.class, SimCommand.Silence.class,
        SimCommand.ProcessError.class})
final class SimCommand extends CommandGroup {
  static void print(SimFaultResponse r, Printer out) {
    if (out.structured()) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("message", r.getMessage());
      v.put("state", r.getState().name().replace("INSTANCE_STATE_", ""));
      out.document(v);
    } else {
      out.line(r.getMessage());
    }
  }

  @Command(name = "kill", description = "Kill an instance's VM: it is reported FAILED and replaced by its engine.")
  static final class Kill extends ClientCommand {
    @Parameters(paramLabel = "INSTANCE_ID")
    String id;

    @Override
    protected void run(EpumClient client, Printer out) {
      print(client.simKill(id), out);
    }
  }

  @Command(name = "fail-site", description = "Make a site fail every launch (--off heals it).")
  static final class FailSite extends ClientCommand {
    @Parameters(paramLabel = "SITE")
    String site;

    @Option(names = "--off", description = "Stop failing launches")
    boolean off;

    @Override
    protected void run(EpumClient client, Printer out) {
      print(client.simFailSite(site, !off), out);
    }
  }

  @Command(name = "silence", description = "Stop an instance's agent heartbeating (--off resumes it).")
  static final class Silence extends ClientCommand {
    @Parameters(paramLabel = "INSTANCE_ID")
    String id;

    @Option(names = "--off", description = "Heartbeat again")
    boolean off;

    @Override
    protected void run(EpumClient client, Printer out) {
      print(client.simSilence(id, !off), out);
    }
  }

  @Command(name = "process-error", description = "Make an instance's agent report PROCESS_ERROR (--off clears it).")
  static final class ProcessError extends ClientCommand {
    @Parameters(paramLabel = "INSTANCE_ID")
    String id;

    @Option(names = "--message", paramLabel = "TEXT", description = "What the agent reports")
    String message = "";

    @Option(names = "--off", description = "Report OK again")
    boolean off;

    @Override
    protected void run(EpumClient client, Printer out) {
      print(client.simProcessError(id, off ? null : message), out);
    }
  }
}
