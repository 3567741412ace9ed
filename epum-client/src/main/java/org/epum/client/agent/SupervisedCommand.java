package org.epum.client.agent;

import static java.util.Objects.requireNonNull;

/**
 * A command the agent runs and watches ({@code --supervise name=command}); run with {@code sh -c}.
 */
public record SupervisedCommand(String name, String command) {
  public SupervisedCommand {
    requireNonNull(name, "name");
    requireNonNull(command, "command");
    if (name.isBlank() || command.isBlank()) {
      throw new IllegalArgumentException("a supervised command needs a name and a command: name=command");
    }
  }

  /** Parses {@code name=command}. */
  public static SupervisedCommand parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw new IllegalArgumentException("expected name=command, got '" + spec + "'");
    }
    return new SupervisedCommand(spec.substring(0, eq).strip(), spec.substring(eq + 1));
  }
}
