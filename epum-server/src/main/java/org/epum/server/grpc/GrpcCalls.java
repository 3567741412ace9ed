package org.epum.server.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs a unary handler body and sends its result or its failure. Core errors go through
 * {@link StatusMapper}; anything else is a bug: logged once here with its stack trace, and sent
 * as INTERNAL without one.
 */
final class GrpcCalls {
  private static final Logger log = LoggerFactory.getLogger(GrpcCalls.class);

  private GrpcCalls() {}

  static <T> void unary(StreamObserver<T> out, Supplier<T> body) {
    T result;
    try {
      result = body.get();
    } catch (RuntimeException e) {
      out.onError(toStatus(e));
      return;
    }
    out.onNext(result);
    out.onCompleted();
  }

  /** As {@link #unary}, with the owner and domain in the logging MDC for the duration of the body. */
  static <T> void unary(StreamObserver<T> out, String owner, String domain, Supplier<T> body) {
    try (var o = MDC.putCloseable("owner", owner); var d = MDC.putCloseable("domain", domain)) {
      unary(out, body);
    }
  }

  static StatusRuntimeException toStatus(RuntimeException e) {
    if (e instanceof EpumException epum) {
      if (epum.code() == ErrorCode.INTERNAL) {
        log.error("internal error: {}", epum.getMessage(), epum);
      }
      return StatusMapper.toStatus(epum);
    }
    if (e instanceof StatusRuntimeException status) {
      return status;
    }
    log.error("unexpected failure in a call handler", e);
    return Status.INTERNAL.withDescription("internal error; the server log has the details").asRuntimeException();
  }

  static StatusRuntimeException unimplemented(String operation) {
    return Status.UNIMPLEMENTED.withDescription(operation + " is not implemented by this EPUM server yet")
        .asRuntimeException();
  }
}
