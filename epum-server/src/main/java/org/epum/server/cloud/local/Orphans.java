package org.epum.server.cloud.local;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the agent process a previous run of the provisioner started, after a restart. A clean stop
 * ends every agent, so this only finds one when the server was killed. The pid comes from the
 * node's iaas_id ({@code pid:1234}); the process counts only if it is alive and its command line
 * is our agent's for that node, so a reused pid is never mistaken for it.
 */
final class Orphans {
  private Orphans() {}

  static final String PREFIX = "pid:";

  static String iaasId(long pid) {
    return PREFIX + pid;
  }

  static Optional<ProcessHandle> find(String iaasId, String nodeId) {
    if (!iaasId.startsWith(PREFIX)) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(iaasId.substring(PREFIX.length()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> isAgentOf(h, nodeId));
  }

  private static boolean isAgentOf(ProcessHandle handle, String nodeId) {
    var args = handle.info().arguments().map(Arrays::asList).orElse(List.of());
    int at = args.indexOf("--node-id");
    return args.contains(AgentCommand.MAIN) && at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(nodeId);
  }
}
