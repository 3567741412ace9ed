package org.epum.server.config;

import java.time.Duration;
import java.util.List;
import org.epum.core.leader.Roles;

/**
 * The API server.
 *
 * @param listen where the gRPC API listens
 * @param replicaName this replica's name in leader elections and logs
 * @param heartbeatDest the address agents are told (launch var heartbeat_dest); empty = listen
 * @param shutdownGrace how long in-flight calls may finish on SIGTERM
 * @param threads the bounded gRPC executor's size
 * @param leadRoles the roles this replica contends for in leader elections
 */
public record ServerConfig(HostPort listen, String replicaName, String heartbeatDest, Duration shutdownGrace,
    int threads, List<String> leadRoles) {
  public ServerConfig {
    if (threads < 1) {
      throw new IllegalArgumentException("server.threads must be >= 1");
    }
    leadRoles = List.copyOf(leadRoles);
    for (String role : leadRoles) {
      if (!Roles.ALL.contains(role)) {
        throw new IllegalArgumentException("server.lead_roles: unknown role '" + role + "'; roles are " + Roles.ALL);
      }
    }
  }

  /** The address agents should send heartbeats to. */
  public String effectiveHeartbeatDest() {
    return heartbeatDest.isEmpty() ? listen.toString() : heartbeatDest;
  }
}
