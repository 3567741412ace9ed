package org.epum.client.cli;

import io.grpc.Status;
import java.util.List;

/**
 * The exit codes of {@code epumctl}, a contract scripts rely on. Never renumber; only add.
 *
 * <p>{@link #TABLE} is the documented list (also printed in every usage footer); {@link
 * #forStatus} is the one mapping from a gRPC status to a code.
 */
public final class ExitCodes {
  public static final int OK = 0;
  /** Unexpected or internal error (client bug, INTERNAL/UNKNOWN/... from the server). */
  public static final int INTERNAL = 1;
  /** Bad flags or arguments, bad --set, unreadable config file. Nothing was sent. */
  public static final int USAGE = 2;
  public static final int NOT_FOUND = 3;
  public static final int ALREADY_EXISTS = 4;
  /** INVALID_ARGUMENT (or OUT_OF_RANGE): the server rejected the request's content. */
  public static final int INVALID_ARGUMENT = 5;
  /** ABORTED: version conflict; re-read and retry the read-modify-write. */
  public static final int CONFLICT = 6;
  /** UNAVAILABLE or DEADLINE_EXCEEDED: server or its store down or unreachable; retry later. */
  public static final int UNAVAILABLE = 7;
  /** UNAUTHENTICATED or PERMISSION_DENIED. */
  public static final int DENIED = 8;
  public static final int FAILED_PRECONDITION = 9;
  /** The server does not implement this operation (yet). */
  public static final int UNIMPLEMENTED = 10;

  /** One documented exit code. */
  public record Row(int code, String meaning) {}

  /** Every exit code with its meaning, in order. */
  public static final List<Row> TABLE = List.of(
      new Row(OK, "success"),
      new Row(INTERNAL, "unexpected or internal error"),
      new Row(USAGE, "usage error: bad flags, bad --set, unreadable file"),
      new Row(NOT_FOUND, "NOT_FOUND"),
      new Row(ALREADY_EXISTS, "ALREADY_EXISTS"),
      new Row(INVALID_ARGUMENT, "INVALID_ARGUMENT"),
      new Row(CONFLICT, "ABORTED: version conflict, re-read and retry"),
      new Row(UNAVAILABLE, "UNAVAILABLE or DEADLINE_EXCEEDED: server or store down"),
      new Row(DENIED, "UNAUTHENTICATED or PERMISSION_DENIED"),
      new Row(FAILED_PRECONDITION, "FAILED_PRECONDITION: wrong state, do not retry as is"),
      new Row(UNIMPLEMENTED, "UNIMPLEMENTED: the server does not support this yet"));

  private ExitCodes() {}

  /** The exit code for a call that ended with {@code code}. Exhaustive on purpose. */
  public static int forStatus(Status.Code code) {
    return switch (code) {
      case OK -> OK;
      case NOT_FOUND -> NOT_FOUND;
      case ALREADY_EXISTS -> ALREADY_EXISTS;
      case INVALID_ARGUMENT, OUT_OF_RANGE -> INVALID_ARGUMENT;
      case ABORTED -> CONFLICT;
      case UNAVAILABLE, DEADLINE_EXCEEDED -> UNAVAILABLE;
      case UNAUTHENTICATED, PERMISSION_DENIED -> DENIED;
      case FAILED_PRECONDITION -> FAILED_PRECONDITION;
      case UNIMPLEMENTED -> UNIMPLEMENTED;
      case CANCELLED, UNKNOWN, RESOURCE_EXHAUSTED, INTERNAL, DATA_LOSS -> INTERNAL;
    };
  }

  /** The usage footer: the table as aligned text lines. */
  static String[] footer() {
    String[] lines = new String[TABLE.size() + 1];
    lines[0] = "%nExit codes:";
    for (int i = 0; i < TABLE.size(); i++) {
      lines[i + 1] = String.format("  %2d  %s", TABLE.get(i).code(), TABLE.get(i).meaning());
    }
    return lines;
  }
}
