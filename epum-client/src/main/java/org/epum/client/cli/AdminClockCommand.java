package org.epum.client.cli;

import java.time.Instant;
import java.util.Map;
import org.epum.client.EpumClient;
import org.epum.proto.v1.SetClockResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code epumctl admin clock --set T}: set the manual clock (external-decide mode only). */
@Command(name = "clock", description = "Set the server's manual clock (external-decide mode).")
final class AdminClockCommand extends ClientCommand {
  @Option(names = "--set", paramLabel = "TIME", required = true,
      converter = InstantConverter.class,
      description = "ISO-8601 instant, e.g. 2024-05-01T00:10:00Z")
  Instant at;

  @Override
  protected void run(EpumClient client, Printer out) {
    SetClockResponse r = client.setClock(at);
    String now = Views.time(r.hasNow(), r.getNow());
    if (out.structured()) {
      out.document(Map.of("now", now == null ? at.toString() : now));
    } else {
      out.line("server clock set to " + (now == null ? at : now));
    }
  }
}
