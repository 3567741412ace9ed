package org.epum.client.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.epum.client.FakeEpumServer;
import org.epum.client.FakeReplies;
import picocli.CommandLine;

/**
 * Runs {@code epumctl} in-process against a {@link FakeEpumServer}, capturing stdout and stderr.
 * This is the same construction an end-to-end test uses against a real server, with {@code
 * ClientFactory.grpc()} (and {@code --server}) instead of {@code forChannel}.
 */
final class CliHarness implements AutoCloseable {
  /** What one run of the CLI produced. */
  record Result(int exitCode, String out, String err) {}

  private final FakeEpumServer server = FakeEpumServer.start();

  FakeReplies replies() {
    return server.replies();
  }

  Result run(String... args) {
    return runWithEnv(Map.of(), args);
  }

  Result runWithEnv(Map<String, String> env, String... args) {
    CommandLine cmd = Epumctl.newCommandLine(ClientFactory.forChannel(server.channel()), env);
    return execute(cmd, args);
  }

  /** Runs a CLI built with any factory (e.g. the real gRPC one) and captures its output. */
  static Result execute(CommandLine cmd, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Override
  public void close() {
    server.close();
  }
}
