package org.epum.server.auth;

import io.grpc.Context;
import org.epum.core.error.EpumException;

/**
 * Where the authenticated caller travels with a call. The owner a call acts for comes from here
 * only, never from a request field.
 */
public final class CallerContext {
  static final Context.Key<Caller> CALLER = Context.key("epum-caller");
  static final Context.Key<String> ACT_AS = Context.key("epum-act-as");

  private CallerContext() {}

  public static Caller caller() {
    Caller caller = CALLER.get();
    if (caller == null) {
      throw EpumException.unauthenticated("no caller identity on this call");
    }
    return caller;
  }

  /**
   * The owner this call acts for: the caller's own, or, for an admin that sent the
   * {@code epum-act-as} header, that owner.
   */
  public static String owner() {
    String actAs = ACT_AS.get();
    return actAs == null ? caller().owner() : actAs;
  }
}
