package org.epum.client.cli;

import picocli.CommandLine.Command;

/** {@code epumctl domain ...}: the caller's (or the --as owner's) domains. */
@Command(
    name = "domain",
    aliases = "domains",
    description = "Add, inspect, reconfigure and remove domains.",
    subcommands = {
      DomainAddCommand.class,
      DomainDescribeCommand.class,
      DomainListCommand.class,
      DomainReconfigureCommand.class,
      DomainRemoveCommand.class,
      DomainEventsCommand.class,
      DomainWatchCommand.class
    })
final class DomainCommand extends CommandGroup {}
