package org.epum.client;

/** Cancels a callback-style domain watch. Idempotent; safe from any thread. */
@FunctionalInterface
public interface WatchHandle extends AutoCloseable {
  /** Cancels the stream; the listener gets no further calls after any in progress. */
  @Override
  void close();
}
