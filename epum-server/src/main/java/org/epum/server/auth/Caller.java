package org.epum.server.auth;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Set;

/** An authenticated caller: the owner it acts as and its roles. */
public record Caller(String owner, Set<Role> roles) {
  public Caller {
    requireNonNull(owner, "owner");
    roles = Set.copyOf(roles);
  }

  public static Caller withAllRoles(String owner) {
    return new Caller(owner, EnumSet.allOf(Role.class));
  }

  public boolean has(Role role) {
    return roles.contains(role) || (role == Role.USER && roles.contains(Role.ADMIN));
  }
}
