package org.epum.client;

import org.epum.proto.v1.DomainEvent;

/**
 * Receives a domain watch's events, in order, on a gRPC callback thread.
 *
 * <p>Callbacks must return quickly: they run on the channel's executor. Exactly one of
 * {@link #onError} or {@link #onCompleted} ends the stream, unless the watch was cancelled first.
 */
public interface DomainEventListener {
  void onEvent(DomainEvent event);

  /** The stream failed (the domain is gone, the server went away, ...). */
  default void onError(EpumClientException error) {}

  /** The server ended the stream. */
  default void onCompleted() {}
}
