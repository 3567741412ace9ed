package org.epum.client.cli;

import picocli.CommandLine.Command;

/** {@code epumctl definition ...}: the global templates domains are created from. */
@Command(
    name = "definition",
    aliases = "definitions",
    description = "Create, inspect and remove domain definitions (templates).",
    subcommands = {
      DefinitionAddCommand.class,
      DefinitionUpdateCommand.class,
      DefinitionDescribeCommand.class,
      DefinitionListCommand.class,
      DefinitionRemoveCommand.class
    })
final class DefinitionCommand extends CommandGroup {}
