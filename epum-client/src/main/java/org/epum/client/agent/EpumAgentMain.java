package org.epum.client.agent;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code epum-agent}: runs on an instance EPUM launched, sends its heartbeats, supervises its
 * processes and answers the doctor's DumpState probe. Runs until SIGTERM/SIGINT, then stops its
 * supervised processes. Exit codes: 0 stopped, 1 could not start, 2 bad usage.
 */
@Command(name = "epum-agent", mixinStandardHelpOptions = true, version = "epum-agent 0.1.0",
    description = "Send heartbeats for one EPUM instance; supervise its processes; answer DumpState probes.")
public final class EpumAgentMain implements Callable<Integer> {
  @Option(names = "--node-id", paramLabel = "ID",
      description = "Instance id EPUM gave in the launch vars (default: $EPUM_NODE_ID)")
  String nodeId;

  @Option(names = "--heartbeat-dest", paramLabel = "HOST:PORT",
      description = "EPUM's heartbeat address, launch var heartbeat_dest (default: $EPUM_HEARTBEAT_DEST)")
  String heartbeatDest;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Bearer token with the agent role (default: $EPUM_TOKEN; none when EPUM runs without auth)")
  String token;

  @Option(names = "--interval", paramLabel = "SECONDS",
      description = "Seconds between heartbeats (default: $EPUM_HEARTBEAT_INTERVAL, else 10)")
  Double intervalSeconds;

  @Option(names = "--transport", paramLabel = "MODE",
      description = "stream (one client stream, reopened on failure) or unary (default: stream)")
  AgentSettings.Transport transport = AgentSettings.Transport.STREAM;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Deadline of each unary call (default: 10)")
  double timeoutSeconds = 10;

  @Option(names = "--supervise", paramLabel = "NAME=COMMAND",
      description = "Run COMMAND (sh -c) and report PROCESS_ERROR if it exits non-zero; repeatable")
  List<String> supervise = new ArrayList<>();

  @Option(names = "--metrics-command", paramLabel = "COMMAND",
      description = "Run on every heartbeat; each 'name value' line it prints becomes a metric")
  String metricsCommand;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Where the Agent service (DumpState) listens (default: $EPUM_AGENT_LISTEN, else 0.0.0.0:0)")
  String listen;

  @Option(names = "--advertise", paramLabel = "HOST:PORT",
      description = "Address sent in heartbeats for EPUM's probe (default: the listen address, a wildcard "
          + "host replaced by this machine's address)")
  String advertise;

  @Spec CommandSpec spec;

  private final Map<String, String> env;
  private final CountDownLatch stop;

  private EpumAgentMain(Map<String, String> env, CountDownLatch stop) {
    this.env = Map.copyOf(env);
    this.stop = requireNonNull(stop);
  }

  public static void main(String[] args) {
    CountDownLatch stop = new CountDownLatch(1);
    CommandLine cmd = newCommandLine(System.getenv(), stop);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "epum-agent-shutdown"));
    System.exit(cmd.execute(args));
  }

  /** The CLI; {@code env} stands in for the environment and {@code stop} ends the run when counted down. */
  public static CommandLine newCommandLine(Map<String, String> env, CountDownLatch stop) {
    CommandLine cmd = new CommandLine(new EpumAgentMain(env, stop));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setExecutionExceptionHandler((e, c, parsed) -> {
      c.getErr().println("epum-agent: " + e.getMessage());
      return 1;
    });
    return cmd;
  }

  @Override
  public Integer call() throws InterruptedException {
    AgentSettings settings = settings();
    PrintWriter err = spec.commandLine().getErr();
    try (EpumAgent agent = EpumAgent.start(settings, Clock.systemUTC())) {
      err.printf("epum-agent: node %s, heartbeats to %s every %s (%s), Agent service at %s%n", settings.nodeId(),
          settings.heartbeatDest(), settings.interval(), settings.transport().name().toLowerCase(), agent.address());
      err.flush();
      stop.await();
    }
    return 0;
  }

  AgentSettings settings() {
    String node = first(nodeId, env.get("EPUM_NODE_ID"));
    String dest = first(heartbeatDest, env.get("EPUM_HEARTBEAT_DEST"));
    if (node == null) {
      throw new ParameterException(spec.commandLine(), "--node-id (or EPUM_NODE_ID) is required");
    }
    if (dest == null) {
      throw new ParameterException(spec.commandLine(), "--heartbeat-dest (or EPUM_HEARTBEAT_DEST) is required");
    }
    double seconds = intervalSeconds != null ? intervalSeconds : parseSeconds(env.get("EPUM_HEARTBEAT_INTERVAL"), 10);
    if (!(seconds > 0) || seconds > 86_400 || !(timeoutSeconds > 0) || timeoutSeconds > 86_400) {
      throw new ParameterException(spec.commandLine(), "--interval and --timeout must be seconds > 0 and <= 86400");
    }
    List<SupervisedCommand> commands = new ArrayList<>();
    for (String s : supervise) {
      try {
        commands.add(SupervisedCommand.parse(s));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--supervise: " + e.getMessage());
      }
    }
    String listenAt = first(listen, first(env.get("EPUM_AGENT_LISTEN"), "0.0.0.0:0"));
    try {
      EpumAgent.socket(listenAt);
      if (advertise != null) {
        EpumAgent.socket(advertise);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--listen/--advertise: " + e.getMessage());
    }
    return new AgentSettings(node, dest, first(token, env.get("EPUM_TOKEN")), seconds(seconds), transport,
        seconds(timeoutSeconds), commands, metricsCommand, listenAt, advertise);
  }

  private double parseSeconds(String value, double fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "EPUM_HEARTBEAT_INTERVAL must be seconds, got " + value);
    }
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos((long) (s * 1e9));
  }

  private static String first(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a.strip();
    }
    return b != null && !b.isBlank() ? b.strip() : null;
  }
}
