package org.epum.server.auth;

import java.util.Optional;

/** Turns a call's bearer token (null when it sent none) into a caller, or empty when unknown. */
@FunctionalInterface
public interface Authenticator {
  Optional<Caller> authenticate(String bearerToken);

  /** auth.mode none: everyone is the default owner with every role. */
  static Authenticator anonymous(String defaultOwner) {
    Caller caller = Caller.withAllRoles(defaultOwner);
    return token -> Optional.of(caller);
  }

  static Authenticator tokens(TokenRegistry registry) {
    return token -> token == null ? Optional.empty() : registry.find(token);
  }
}
