package org.epum.client.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.epum.client.EpumClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code epumctl}: the command-line client of an EPUM server.
 *
 * <p>The root command holds the global options (they may be given before or after any
 * subcommand) and the way to reach the server. Subcommand groups are listed below; a new group or
 * subcommand is a new class plus one entry in its parent's {@code subcommands} list.
 *
 * <p>Embedding (tests, end-to-end checks): {@link #newCommandLine(ClientFactory, Map)} builds the
 * whole CLI; set its out/err writers and call {@code execute(args)}, which returns the exit code.
 */
@Command(
    name = "epumctl",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = Epumctl.Version.class,
    description = "Manage EPUM definitions, domains and servers.",
    subcommands = {
      DefinitionCommand.class,
      DomainCommand.class,
      AdminCommand.class,
      DtrsCommand.class,
      SimCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Epumctl implements Callable<Integer> {
  /** Used when neither --server nor EPUM_SERVER is given. */
  public static final String DEFAULT_SERVER = "localhost:7650";

  @Option(names = "--server", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
      description = "EPUM server (default: $EPUM_SERVER, else " + DEFAULT_SERVER + ")")
  String server;

  @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
      description = "Bearer token (default: $EPUM_TOKEN)")
  String token;

  @Option(names = "--as", paramLabel = "OWNER", scope = ScopeType.INHERIT,
      description = "Act for this owner (admins only)")
  String actAs;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT,
      description = "table, json or yaml (default: table)")
  OutputFormat output = OutputFormat.TABLE;

  @Option(names = "--timeout", paramLabel = "SECONDS", scope = ScopeType.INHERIT,
      description = "Deadline of each call in seconds (default: 30)")
  double timeoutSeconds = 30;

  @Spec CommandSpec spec;

  private final ClientFactory clients;
  private final Map<String, String> env;

  private Epumctl(ClientFactory clients, Map<String, String> env) {
    this.clients = requireNonNull(clients, "clients");
    this.env = Map.copyOf(env);
  }

  /** Runs the real CLI and exits with its exit code. */
  public static void main(String[] args) {
    int code = newCommandLine(ClientFactory.grpc(), System.getenv()).execute(args);
    System.exit(code);
  }

  /**
   * Builds the CLI. {@code env} stands in for the process environment (EPUM_SERVER, EPUM_TOKEN),
   * so tests do not depend on the machine's.
   */
  public static CommandLine newCommandLine(ClientFactory clients, Map<String, String> env) {
    CommandLine cmd = new CommandLine(new Epumctl(clients, env));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setExecutionExceptionHandler(CliErrors::onExecutionException);
    cmd.setParameterExceptionHandler(CliErrors::onParameterException);
    withFooter(cmd);
    return cmd;
  }

  /** Every command's help ends with the exit code table. */
  private static void withFooter(CommandLine cmd) {
    cmd.getCommandSpec().usageMessage().footer(ExitCodes.footer());
    cmd.getSubcommands().values().forEach(Epumctl::withFooter);
  }

  /** With no subcommand: show usage on stderr; that is a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** The settings the global options and environment resolve to. */
  ConnectionSettings settings() {
    if (!(timeoutSeconds > 0) || timeoutSeconds > 86_400) {
      throw new ParameterException(spec.commandLine(),
          "--timeout must be a number of seconds > 0 and <= 86400, got " + timeoutSeconds);
    }
    String target = firstNonBlank(server, env.get("EPUM_SERVER"), DEFAULT_SERVER);
    String bearer = firstNonBlank(token, env.get("EPUM_TOKEN"), null);
    Duration timeout = Duration.ofNanos((long) (timeoutSeconds * 1e9));
    return new ConnectionSettings(target, bearer, firstNonBlank(actAs, null, null), timeout);
  }

  /** A client for one command; the caller closes it. */
  EpumClient connect() {
    ConnectionSettings s = settings();
    try {
      return clients.connect(s);
    } catch (IllegalArgumentException e) {
      // Channel builders reject malformed targets eagerly.
      throw new ParameterException(spec.commandLine(),
          "bad --server '" + s.server() + "': " + e.getMessage());
    }
  }

  OutputFormat output() {
    return output;
  }

  /** The writer command output goes to. */
  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private static String firstNonBlank(String a, String b, String fallback) {
    if (a != null && !a.isBlank()) {
      return a.strip();
    }
    return b != null && !b.isBlank() ? b.strip() : fallback;
  }

  /** Reports the version from the jar manifest, or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Epumctl.class.getPackage().getImplementationVersion();
      return new String[] {"epumctl " + (v == null ? "dev" : v)};
    }
  }
}
