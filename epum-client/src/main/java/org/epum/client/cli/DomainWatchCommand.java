package org.epum.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.epum.client.DomainWatch;
import org.epum.client.EpumClient;
import org.epum.proto.v1.DomainEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code epumctl domain watch DOMAIN [--from N]}: streams the domain's events, one line each as
 * they happen (with {@code -o json}, one JSON object per line), until Ctrl-C or the domain is
 * removed. Unlike other commands it prints as it goes rather than after success.
 */
@Command(name = "watch",
    description = "Stream a domain's events (instance states, health, decisions): the kept ones after --from, "
        + "then new ones as they happen, until Ctrl-C or the domain is removed.")
final class DomainWatchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DOMAIN", description = "Domain id")
  String domainId;

  @Option(names = "--from", paramLabel = "SEQ",
      description = "Resume after this event sequence (default 0: from the oldest kept event)")
  long from;

  @Override
  public Integer call() {
    Epumctl root = (Epumctl) spec.root().userObject();
    PrintWriter out = root.out();
    try (EpumClient client = root.connect(); DomainWatch watch = client.watchDomain(domainId, from)) {
      // Ctrl-C: end the stream cleanly (the server sees a cancel) before the JVM exits.
      Thread onInterrupt = new Thread(watch::close, "epumctl-watch-close");
      Runtime.getRuntime().addShutdownHook(onInterrupt);
      try {
        while (watch.hasNext()) {
          out.println(render(watch.next(), root.output()));
          out.flush();
        }
      } finally {
        removeHook(onInterrupt);
      }
    }
    return ExitCodes.OK;
  }

  static String render(DomainEvent e, OutputFormat format) {
    return switch (format) {
      case JSON -> json(e);
      case YAML -> "---\n" + Printer.yaml(EventViews.event(e)).stripTrailing();
      case TABLE -> e.getSequence() + "  " + Views.time(e.hasTime(), e.getTime()) + "  " + EventViews.kind(e) + "  "
          + EventViews.summary(e);
    };
  }

  private static String json(DomainEvent e) {
    try {
      return JSON.writeValueAsString(EventViews.event(e));
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyExiting) {
      // The JVM is shutting down (Ctrl-C): the hook is running or has run.
    }
  }
}
