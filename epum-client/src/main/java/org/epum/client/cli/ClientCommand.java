package org.epum.client.cli;

import java.util.concurrent.Callable;
import org.epum.client.EpumClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every leaf command that talks to the server: connects with the global options, runs,
 * closes the client, and prints only if everything succeeded. Failures propagate to {@link
 * CliErrors}, which turns them into the exit code.
 */
abstract class ClientCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    Epumctl root = (Epumctl) spec.root().userObject();
    Printer printer = new Printer(root.output());
    try (EpumClient client = root.connect()) {
      run(client, printer);
    }
    printer.flushTo(root.out());
    return ExitCodes.OK;
  }

  /** Does the command's calls and renders into {@code out}; throws on any failure. */
  protected abstract void run(EpumClient client, Printer out);
}
