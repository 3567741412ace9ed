package org.epum.server.auth;

import java.util.Optional;
import java.util.Set;

/**
 * The role each API method needs. Health checks and reflection need none, so grpcurl and load
 * balancers work without a token.
 */
final class MethodRoles {
  private static final Set<String> ADMIN_MANAGEMENT_METHODS = Set.of("CreateDefinition", "UpdateDefinition",
      "RemoveDefinition");

  private MethodRoles() {}

  /** The role needed, or empty when the method is open. */
  static Optional<Role> required(String fullMethodName) {
    int slash = fullMethodName.indexOf('/');
    String service = slash < 0 ? fullMethodName : fullMethodName.substring(0, slash);
    String method = slash < 0 ? "" : fullMethodName.substring(slash + 1);
    return switch (service) {
      case "epum.v1.EpuManagement" -> Optional.of(ADMIN_MANAGEMENT_METHODS.contains(method) ? Role.ADMIN : Role.USER);
      case "epum.v1.EpumAdmin" -> Optional.of(Role.ADMIN);
      case "epum.v1.Heartbeats" -> Optional.of(Role.AGENT);
      case "epum.v1.InstanceStates" -> Optional.of(Role.PROVISIONER);
      case "epum.v1.Dtrs" -> Optional.of(method.startsWith("Describe") || method.startsWith("List")
          ? Role.USER : Role.ADMIN);
      default -> service.startsWith("grpc.health.") || service.startsWith("grpc.reflection.")
          ? Optional.empty() : Optional.of(Role.ADMIN);
    };
  }
}
