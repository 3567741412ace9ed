package org.epum.client;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.atomic.AtomicBoolean;
import org.epum.proto.v1.DomainEvent;
import org.epum.proto.v1.WatchDomainRequest;

/** Adapts a {@link DomainEventListener} to the async stub, and hands out the cancel handle. */
final class CallbackWatch
    implements ClientResponseObserver<WatchDomainRequest, DomainEvent>, WatchHandle {
  private final DomainEventListener listener;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile ClientCallStreamObserver<WatchDomainRequest> requestStream;

  CallbackWatch(DomainEventListener listener) {
    this.listener = listener;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<WatchDomainRequest> stream) {
    this.requestStream = stream;
  }

  @Override
  public void onNext(DomainEvent event) {
    if (!closed.get()) {
      listener.onEvent(event);
    }
  }

  @Override
  public void onError(Throwable t) {
    // After close() the CANCELLED we caused is not news to the caller.
    if (closed.compareAndSet(false, true)) {
      listener.onError(EpumClientException.fromThrowable(t));
    }
  }

  @Override
  public void onCompleted() {
    if (closed.compareAndSet(false, true)) {
      listener.onCompleted();
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && requestStream != null) {
      requestStream.cancel("watch closed by the client", null);
    }
  }
}
