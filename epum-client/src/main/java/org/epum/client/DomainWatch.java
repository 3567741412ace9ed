package org.epum.client;

import io.grpc.ClientCall;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.epum.proto.v1.DomainEvent;
import org.epum.proto.v1.WatchDomainRequest;

/**
 * A blocking iterator over one domain's event stream.
 *
 * <p>{@link #hasNext()} blocks until the next event arrives or the stream ends; it returns false
 * once the server ends the stream or {@link #close()} was called, and throws {@link
 * EpumClientException} when the stream fails. Use from one thread; {@code close()} may be called
 * from any thread to unblock it.
 */
public final class DomainWatch implements Iterator<DomainEvent>, AutoCloseable {
  private final ClientCall<WatchDomainRequest, DomainEvent> call;
  private final Iterator<DomainEvent> events;
  private volatile boolean closed;

  DomainWatch(ClientCall<WatchDomainRequest, DomainEvent> call, WatchDomainRequest request) {
    this.call = call;
    this.events = ClientCalls.blockingServerStreamingCall(call, request);
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    try {
      return events.hasNext();
    } catch (RuntimeException e) {
      // Our own cancel surfaces as CANCELLED; that is the normal end of a closed watch.
      if (closed && Status.fromThrowable(e).getCode() == Status.Code.CANCELLED) {
        return false;
      }
      throw EpumClientException.fromThrowable(e);
    }
  }

  @Override
  public DomainEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the watch has ended");
    }
    return events.next();
  }

  /** Cancels the stream. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      call.cancel("watch closed by the client", null);
    }
  }
}
