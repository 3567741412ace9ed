package org.epum.server.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.epum.core.error.EpumException;

/**
 * The one place core errors become gRPC statuses. The switch is exhaustive, so a new ErrorCode
 * does not compile until it is mapped here. UNAVAILABLE means "retry the call"; ABORTED means
 * "re-read and redo"; FAILED_PRECONDITION means "not until the state changes".
 */
final class StatusMapper {
  private StatusMapper() {}

  static StatusRuntimeException toStatus(EpumException e) {
    Status status = switch (e.code()) {
      case NOT_FOUND -> Status.NOT_FOUND;
      case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
      case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
      case WRONG_STATE -> Status.FAILED_PRECONDITION;
      case VERSION_CONFLICT -> Status.ABORTED;
      case STORE_UNAVAILABLE, NOT_LEADER -> Status.UNAVAILABLE;
      case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
      case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
      case UNIMPLEMENTED -> Status.UNIMPLEMENTED;
      case INTERNAL -> Status.INTERNAL;
    };
    return status.withDescription(e.getMessage()).asRuntimeException();
  }
}
