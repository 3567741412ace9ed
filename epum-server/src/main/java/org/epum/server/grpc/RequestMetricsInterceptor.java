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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every call by method and final status: {@code epum.grpc.requests{method,status}}. The
 * counters are kept per method and status code, so a call costs a map lookup rather than a meter
 * registration (this sits on the heartbeat hot path).
 */
public final class RequestMetricsInterceptor implements ServerInterceptor {
  private final MeterRegistry meters;
  private final Map<String, Counter[]> counters = new ConcurrentHashMap<>();

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
        counter(method, status.getCode()).increment();
        super.close(status, trailers);
      }
    }, headers);
  }

  private Counter counter(String method, Status.Code code) {
    Counter[] byCode = counters.computeIfAbsent(method, m -> new Counter[Status.Code.values().length]);
    Counter c = byCode[code.value()];
    if (c == null) {
      // A benign race: two threads may both register; the registry hands both the same counter.
      c = Counter.builder("epum.grpc.requests").tag("method", method).tag("status", code.name()).register(meters);
      byCode[code.value()] = c;
    }
    return c;
  }
}
