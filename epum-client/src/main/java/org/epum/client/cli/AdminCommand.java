package org.epum.client.cli;

import picocli.CommandLine.Command;

/** {@code epumctl admin ...}: operator calls; every one needs the admin role. */
@Command(
    name = "admin",
    description = "Operator commands: server status, leaders, and (external-decide mode)"
        + " running passes and setting the clock.",
    subcommands = {
      AdminStatusCommand.class,
      AdminLeadersCommand.class,
      AdminDecideCommand.class,
      AdminDoctorCommand.class,
      AdminReapCommand.class,
      AdminClockCommand.class
    })
final class AdminCommand extends CommandGroup {}
