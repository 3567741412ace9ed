package org.epum.server.testing;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.epum.proto.v1.NodeStateRequest;
import org.epum.proto.v1.NodeStateResponse;
import org.epum.proto.v1.SubscriberGrpc;

/**
 * A real Subscriber gRPC endpoint on loopback that records every NodeState call in arrival order
 * (scenario harness H4: the subscription name, the payload). It answers OK, or, by {@link Mode},
 * fails every call or never answers (a hanging subscriber). Waits are signalled, never polled.
 */
public final class RecordingSubscriber implements AutoCloseable {
  public enum Mode { OK, FAIL, HANG }

  private final Server server;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final List<NodeStateRequest> calls = new ArrayList<>();
  private final List<StreamObserver<NodeStateResponse>> hanging = new ArrayList<>();
  private volatile Mode mode = Mode.OK;

  public RecordingSubscriber() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
        .addService(new Service()).build().start();
  }

  public RecordingSubscriber mode(Mode m) {
    this.mode = m;
    return this;
  }

  /** host:port, the endpoint to subscribe with. */
  public String endpoint() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Every call received so far (successful or not), in arrival order. */
  public List<NodeStateRequest> calls() {
    lock.lock();
    try {
      return List.copyOf(calls);
    } finally {
      lock.unlock();
    }
  }

  /** Waits until at least {@code n} calls have arrived; fails the test after {@code timeout}. */
  public List<NodeStateRequest> awaitCalls(int n, Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (calls.size() < n) {
        if (nanos <= 0) {
          throw new AssertionError("expected " + n + " NodeState calls within " + timeout + ", got " + calls);
        }
        nanos = arrived.awaitNanos(nanos);
      }
      return List.copyOf(calls);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Service extends SubscriberGrpc.SubscriberImplBase {
    @Override
    public void nodeState(NodeStateRequest req, StreamObserver<NodeStateResponse> out) {
      Mode m = mode;
      lock.lock();
      try {
        calls.add(req);
        if (m == Mode.HANG) {
          hanging.add(out);
        }
        arrived.signalAll();
      } finally {
        lock.unlock();
      }
      if (m == Mode.OK) {
        out.onNext(NodeStateResponse.getDefaultInstance());
        out.onCompleted();
      } else if (m == Mode.FAIL) {
        out.onError(Status.UNAVAILABLE.withDescription("subscriber down (test)").asRuntimeException());
      }
    }
  }
}
