package org.epum.client.agent;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.epum.proto.v1.HeartbeatRequest;
import org.epum.proto.v1.HeartbeatsGrpc;
import org.epum.proto.v1.StreamHeartbeatsResponse;

/**
 * Heartbeats on a Heartbeats.StreamHeartbeats client stream. The stream is closed and a new one
 * opened every {@code rotateEvery} heartbeats, so EPUM's counts come back regularly (a stream
 * answers only when closed) and a refused node id is logged. When the stream fails (EPUM restarted,
 * network gone) it is dropped and the next heartbeat opens a new one: reconnection is the channel's,
 * with its own backoff. Each stream has a deadline comfortably longer than its expected life.
 */
public final class StreamingHeartbeatSender implements HeartbeatSender {
  private static final System.Logger log = System.getLogger(StreamingHeartbeatSender.class.getName());

  private final HeartbeatsGrpc.HeartbeatsStub stub;
  private final int rotateEvery;
  private final Duration streamDeadline;
  private StreamObserver<HeartbeatRequest> stream;
  private int sentOnStream;

  /**
   * @param rotateEvery heartbeats per stream before it is closed and its counts read
   * @param streamDeadline the deadline of each stream
   */
  public StreamingHeartbeatSender(HeartbeatsGrpc.HeartbeatsStub stub, int rotateEvery, Duration streamDeadline) {
    this.stub = requireNonNull(stub);
    if (rotateEvery < 1) {
      throw new IllegalArgumentException("rotateEvery must be >= 1, got " + rotateEvery);
    }
    this.rotateEvery = rotateEvery;
    this.streamDeadline = requireNonNull(streamDeadline);
  }

  @Override
  public synchronized void send(HeartbeatRequest heartbeat) {
    if (stream == null) {
      stream = open();
      sentOnStream = 0;
    }
    stream.onNext(heartbeat);
    if (++sentOnStream >= rotateEvery) {
      finish();
    }
  }

  @Override
  public synchronized void close() {
    finish();
  }

  private void finish() {
    if (stream != null) {
      stream.onCompleted();
      stream = null;
    }
  }

  private synchronized void failed(Answers answers, Throwable t) {
    log.log(System.Logger.Level.WARNING, "heartbeat stream to EPUM failed ({0}); the next heartbeat opens a new one",
        t.toString());
    if (stream == answers.requests) {
      stream = null;
    }
  }

  private StreamObserver<HeartbeatRequest> open() {
    Answers answers = new Answers();
    answers.requests = stub.withDeadlineAfter(streamDeadline.toMillis(), TimeUnit.MILLISECONDS)
        .streamHeartbeats(answers);
    return answers.requests;
  }

  /** The stream's answer, read on a gRPC thread. */
  private final class Answers implements StreamObserver<StreamHeartbeatsResponse> {
    volatile StreamObserver<HeartbeatRequest> requests;

    @Override
    public void onNext(StreamHeartbeatsResponse counts) {
      if (counts.getRejected() > 0 || counts.getIgnored() > 0) {
        log.log(System.Logger.Level.WARNING, "EPUM refused {0} and ignored {1} of the last {2} heartbeats (unknown "
            + "node id, or health monitoring off for the domain)", counts.getRejected(), counts.getIgnored(),
            counts.getReceived());
      }
    }

    @Override
    public void onError(Throwable t) {
      failed(this, t);
    }

    @Override
    public void onCompleted() {}
  }
}
