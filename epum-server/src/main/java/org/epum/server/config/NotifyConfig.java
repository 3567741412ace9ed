package org.epum.server.config;

import java.time.Duration;

/**
 * Delivery of subscriber notifications (Subscriber.NodeState).
 *
 * @param retryAttempts how many times a failed delivery is retried before it is dropped (0 = never)
 * @param backoff the wait before the first retry; each further retry waits twice as long
 * @param maxBackoff the longest wait between retries
 * @param deadline the deadline of each NodeState call (a hanging subscriber fails after it)
 * @param queueSize notifications waiting for delivery, over all subscribers; beyond it new ones are dropped
 */
public record NotifyConfig(int retryAttempts, Duration backoff, Duration maxBackoff, Duration deadline,
    int queueSize) {
  public NotifyConfig {
    if (retryAttempts < 0) {
      throw new IllegalArgumentException("notify.retry_attempts must be >= 0");
    }
    if (backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
      throw new IllegalArgumentException("notify.backoff must be >= 0 and notify.max_backoff >= notify.backoff");
    }
    if (deadline.isZero() || deadline.isNegative()) {
      throw new IllegalArgumentException("notify.deadline must be > 0");
    }
    if (queueSize < 1) {
      throw new IllegalArgumentException("notify.queue_size must be >= 1");
    }
  }

  /** The wait before retry number {@code retry} (1 = the first retry): doubling from backoff, capped. */
  public Duration backoffBefore(int retry) {
    Duration d = backoff;
    for (int i = 1; i < retry && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
