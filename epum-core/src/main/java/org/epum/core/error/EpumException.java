package org.epum.core.error;

import static java.util.Objects.requireNonNull;

/**
 * The one exception the core throws. Built only through the static factories so that every message
 * names what was wrong and, where it can, how to fix it.
 */
public final class EpumException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  private EpumException(ErrorCode code, String message, Throwable cause) {
    super(requireNonNull(message), cause);
    this.code = requireNonNull(code);
  }

  public ErrorCode code() {
    return code;
  }

  public static EpumException notFound(String message) {
    return new EpumException(ErrorCode.NOT_FOUND, message, null);
  }

  public static EpumException alreadyExists(String message) {
    return new EpumException(ErrorCode.ALREADY_EXISTS, message, null);
  }

  public static EpumException invalidArgument(String message) {
    return new EpumException(ErrorCode.INVALID_ARGUMENT, message, null);
  }

  public static EpumException wrongState(String message) {
    return new EpumException(ErrorCode.WRONG_STATE, message, null);
  }

  public static EpumException versionConflict(String message) {
    return new EpumException(ErrorCode.VERSION_CONFLICT, message, null);
  }

  public static EpumException storeUnavailable(String message, Throwable cause) {
    return new EpumException(ErrorCode.STORE_UNAVAILABLE, message, cause);
  }

  public static EpumException notLeader(String message) {
    return new EpumException(ErrorCode.NOT_LEADER, message, null);
  }

  public static EpumException unauthenticated(String message) {
    return new EpumException(ErrorCode.UNAUTHENTICATED, message, null);
  }

  public static EpumException permissionDenied(String message) {
    return new EpumException(ErrorCode.PERMISSION_DENIED, message, null);
  }

  public static EpumException unimplemented(String message) {
    return new EpumException(ErrorCode.UNIMPLEMENTED, message, null);
  }

  public static EpumException internal(String message, Throwable cause) {
    return new EpumException(ErrorCode.INTERNAL, message, cause);
  }
}
