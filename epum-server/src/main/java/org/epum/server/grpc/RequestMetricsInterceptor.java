package org.epum.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;

/** Counts every call by method and final status: {@code epum.grpc.requests{method,status}}. */
public final class RequestMetricsInterceptor implements ServerInterceptor {
  private final MeterRegistry meters;

  @Inject
  public RequestMetricsInterceptor(MeterRegistry meters) {
    this.meters = requireNonNull(meters);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        Counter.builder("epum.grpc.requests").tag("method", method).tag("status", status.getCode().name())
            .register(meters).increment();
        super.close(status, trailers);
      }
    }, headers);
  }
}
