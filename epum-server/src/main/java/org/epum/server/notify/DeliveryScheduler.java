package org.epum.server.notify;

import java.time.Duration;

/**
 * Runs the notifier's work: now, or after a backoff. The production one is a scheduled executor;
 * tests use a fake that runs due tasks when told to, so backoff is tested without waiting.
 * Both methods return at once; work submitted after shutdown is silently discarded.
 */
public interface DeliveryScheduler {
  void execute(Runnable task);

  void schedule(Runnable task, Duration delay);
}
