package org.epum.client.cli;

import io.grpc.Status;
import java.io.PrintWriter;
import org.epum.client.EpumClientException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The CLI's one translation point from a failure to an exit code and a stderr line.
 *
 * <p>Format: {@code epumctl: <STATUS>: <server message>} for server errors, {@code epumctl:
 * <message>} for usage errors. Never a stack trace; stdout stays empty because commands print
 * only after every call succeeded.
 */
final class CliErrors {
  private CliErrors() {}

  static int onExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof EpumClientException failure) {
      int code = ExitCodes.forStatus(failure.code());
      String line = "epumctl: " + failure.code() + ": " + failure.description();
      if (code == ExitCodes.UNAVAILABLE) {
        line += hint(cmd, failure.code() == Status.Code.DEADLINE_EXCEEDED);
      }
      err.println(line);
      err.flush();
      return code;
    }
    err.println("epumctl: internal error: " + e);
    err.flush();
    return ExitCodes.INTERNAL;
  }

  static int onParameterException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("epumctl: " + e.getMessage());
    if (e instanceof UnmatchedArgumentException unmatched) {
      unmatched.getSuggestions().stream().findFirst()
          .ifPresent(s -> err.println("Did you mean: " + s + "?"));
    }
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCodes.USAGE;
  }

  /** Says which server was tried and how to point elsewhere: the usual cause is a wrong address. */
  private static String hint(CommandLine cmd, boolean timedOut) {
    Object root = cmd.getCommandSpec().root().userObject();
    if (root instanceof Epumctl ctl) {
      return " (server " + ctl.settings().server()
          + "; use --server HOST:PORT or EPUM_SERVER to point elsewhere"
          + (timedOut ? ", or raise --timeout if it is only slow" : "") + ")";
    }
    return "";
  }
}
