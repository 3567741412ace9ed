package org.epum.client;

import io.grpc.Status;

/**
 * A failed EPUM call: the gRPC status code and the server's description of what was wrong.
 *
 * <p>Unchecked, like the server's {@code EpumException}. It never carries a server stack trace: the
 * message is the status description the server chose to send. Branch on {@link #code()} following
 * gRPC's litmus test: {@code UNAVAILABLE} means retry the call, {@code ABORTED} means redo the
 * read-modify-write, {@code FAILED_PRECONDITION} means do not retry until state changes.
 */
public final class EpumClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Status.Code code;
  private final String description;

  private EpumClientException(Status.Code code, String description, Throwable cause) {
    super(code + ": " + description, cause);
    this.code = code;
    this.description = description;
  }

  /**
   * The one translation point from a gRPC failure to this exception.
   *
   * <p>A transport failure (connection refused, name not resolved) reaches us as UNAVAILABLE with
   * a generic description such as "io exception"; the local cause's message is appended because
   * it is the only part that tells the user what actually went wrong.
   */
  public static EpumClientException fromThrowable(Throwable t) {
    Status status = Status.fromThrowable(t);
    String description = status.getDescription();
    if (description == null || description.isBlank()) {
      description = status.getCode().toString();
    }
    Throwable localCause = status.getCause();
    if (localCause != null && localCause.getMessage() != null
        && !description.contains(localCause.getMessage())) {
      description = description + " (" + localCause.getMessage() + ")";
    }
    return new EpumClientException(status.getCode(), description, t);
  }

  /** The gRPC status code the call ended with; never {@code OK}. */
  public Status.Code code() {
    return code;
  }

  /** What the server (or the local transport) said was wrong, without the code. */
  public String description() {
    return description;
  }
}
