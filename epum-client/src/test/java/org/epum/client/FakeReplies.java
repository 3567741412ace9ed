package org.epum.client;

import com.google.protobuf.Message;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The scriptable part of the fake services: records every request (with its headers and
 * deadline) and answers with the reply configured for the method, UNIMPLEMENTED when none is.
 *
 * <p>A configured answer is a proto message, a {@link Status} (the call fails with it) or a
 * {@code Function<Message, Object>} of the request returning either.
 */
public final class FakeReplies {
  /** One call the fake received. */
  public record Recorded(String method, Message request, Metadata headers, Deadline deadline) {}

  private final Map<String, Object> answers = new ConcurrentHashMap<>();
  private final List<Recorded> calls = new CopyOnWriteArrayList<>();

  /** Answers {@code method} (the Java method name, e.g. "describeDomain") with {@code answer}. */
  public void reply(String method, Object answer) {
    answers.put(method, answer);
  }

  /** Answers {@code method} with a reply computed from each request. */
  public void reply(String method, Function<Message, Object> answer) {
    answers.put(method, answer);
  }

  public List<Recorded> calls() {
    return List.copyOf(calls);
  }

  /** The last recorded call of {@code method}; fails the test when there was none. */
  public Recorded last(String method) {
    for (int i = calls.size() - 1; i >= 0; i--) {
      if (calls.get(i).method().equals(method)) {
        return calls.get(i);
      }
    }
    throw new AssertionError("no call of " + method + " recorded; calls: " + calls);
  }

  /** The last request of {@code method}, cast. */
  @SuppressWarnings("unchecked")
  public <T extends Message> T request(String method) {
    return (T) last(method).request();
  }

  void record(String method, Message request) {
    calls.add(new Recorded(method, request, FakeEpumServer.HEADERS.get(),
        Context.current().getDeadline()));
  }

  /** The configured answer for a call, already applied to the request if it is a function. */
  @SuppressWarnings("unchecked")
  Object answerFor(String method, Message request) {
    record(method, request);
    Object answer = answers.get(method);
    if (answer instanceof Function<?, ?> f) {
      answer = ((Function<Message, Object>) f).apply(request);
    }
    return answer == null
        ? Status.UNIMPLEMENTED.withDescription("fake: no reply configured for " + method)
        : answer;
  }

  /** Completes a unary call with the configured answer. */
  @SuppressWarnings("unchecked")
  <T> void unary(String method, Message request, StreamObserver<T> out) {
    Object answer = answerFor(method, request);
    if (answer instanceof Status status) {
      out.onError(status.asRuntimeException());
    } else {
      out.onNext((T) answer);
      out.onCompleted();
    }
  }
}
