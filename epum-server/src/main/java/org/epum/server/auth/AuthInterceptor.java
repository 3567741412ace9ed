package org.epum.server.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.epum.core.domain.Names;
import org.epum.core.error.EpumException;
import static java.util.Objects.requireNonNull;

/**
 * Authenticates every call from its {@code authorization: Bearer} header, checks the method's
 * role, and honours {@code epum-act-as} for admins only. Refusals never reach a handler.
 */
public final class AuthInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  public static final Metadata.Key<String> ACT_AS_HEADER =
      Metadata.Key.of("epum-act-as", Metadata.ASCII_STRING_MARSHALLER);

  private final Authenticator authenticator;

  @Inject
  public AuthInterceptor(Authenticator authenticator) {
    this.authenticator = requireNonNull(authenticator);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Optional<Role> required = MethodRoles.required(method);
    if (required.isEmpty()) {
      return next.startCall(call, headers);
    }
    Optional<Caller> caller = authenticator.authenticate(bearer(headers.get(AUTHORIZATION)));
    if (caller.isEmpty()) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription(headers.get(AUTHORIZATION) == null
          ? "no bearer token; pass --token or set EPUM_TOKEN (header authorization: Bearer <token>)"
          : "unknown bearer token; check the token against the server's tokens file"));
    }
    if (!caller.get().has(required.get())) {
      return refuse(call, Status.PERMISSION_DENIED.withDescription(method + " needs the "
          + required.get().name().toLowerCase(Locale.ROOT) + " role; caller " + caller.get().owner()
          + " has " + caller.get().roles()));
    }
    Context context = Context.current().withValue(CallerContext.CALLER, caller.get());
    String actAs = headers.get(ACT_AS_HEADER);
    if (actAs != null) {
      if (!caller.get().has(Role.ADMIN)) {
        return refuse(call, Status.PERMISSION_DENIED.withDescription(
            "only an admin may act for another owner (epum-act-as: " + actAs + ")"));
      }
      try {
        context = context.withValue(CallerContext.ACT_AS, Names.check("epum-act-as owner", actAs));
      } catch (EpumException e) {
        return refuse(call, Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
      }
    }
    return Contexts.interceptCall(context, call, headers, next);
  }

  private static String bearer(String header) {
    if (header == null) {
      return null;
    }
    String prefix = "bearer ";
    return header.regionMatches(true, 0, prefix, 0, prefix.length()) ? header.substring(prefix.length()).trim()
        : header.trim();
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
