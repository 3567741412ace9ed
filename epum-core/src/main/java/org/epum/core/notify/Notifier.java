package org.epum.core.notify;

/**
 * Delivers notifications to subscribers (the outbound port of DESIGN §3's subscriber
 * notifications). Called by the reactor on a request thread: implementations must return at once,
 * queueing the work, and never throw because a subscriber is slow, down or failing. Delivery is at
 * least once with bounded retry, in the order given for one subscriber endpoint; a notification
 * that cannot be delivered (retries exhausted, queue full) is dropped with a log line.
 */
public interface Notifier {
  /** A notifier that drops everything (for tests and tools that have no subscribers). */
  Notifier NONE = notification -> {};

  void notify(Notification notification);
}
