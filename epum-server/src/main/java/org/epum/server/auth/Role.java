package org.epum.server.auth;

/** What a caller may do. */
public enum Role {
  /** EpuManagement on its own domains. */
  USER,
  /** EpumAdmin, definition changes, and acting for another owner. Implies USER. */
  ADMIN,
  /** Heartbeats only. */
  AGENT,
  /** InstanceStates only. */
  PROVISIONER
}
