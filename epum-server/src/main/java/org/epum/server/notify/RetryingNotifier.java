package org.epum.server.notify;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.epum.core.notify.Notification;
import org.epum.core.notify.Notifier;
import org.epum.server.config.NotifyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Notifier}: queues each notification and delivers it in the background, at least once,
 * retrying failures with exponential backoff up to {@code notify.retry_attempts} times, then
 * dropping it with a log line. Each subscriber endpoint is a lane delivered strictly in order (a
 * FAILED never overtakes the RUNNING before it; several subscriptions on one endpoint hear in
 * subscription order); lanes are independent, so a down or hanging endpoint delays only its own
 * notifications. At most {@code notify.queue_size} notifications wait in all; more are dropped.
 *
 * <p>Meters: {@code epum.notify.notifications} tagged {@code outcome} = delivered, retried (one per
 * retry), dropped; gauge {@code epum.notify.queued}. Threads: {@link #notify} is called by request
 * threads and only queues; sends start on the {@link DeliveryScheduler}; results may arrive on any thread.
 */
public final class RetryingNotifier implements Notifier {
  private static final Logger log = LoggerFactory.getLogger(RetryingNotifier.class);

  private final DeliveryScheduler scheduler;
  private final SubscriberDelivery delivery;
  private final NotifyConfig config;
  private final Counter delivered;
  private final Counter retried;
  private final Counter dropped;
  private final Object lock = new Object();
  private final Map<String, Lane> lanes = new HashMap<>();
  private int queued;
  private boolean stopped;

  public RetryingNotifier(DeliveryScheduler scheduler, SubscriberDelivery delivery, NotifyConfig config,
      MeterRegistry meters) {
    this.scheduler = requireNonNull(scheduler);
    this.delivery = requireNonNull(delivery);
    this.config = requireNonNull(config);
    this.delivered = counter(meters, "delivered");
    this.retried = counter(meters, "retried");
    this.dropped = counter(meters, "dropped");
    meters.gauge("epum.notify.queued", this, RetryingNotifier::queued);
  }

  private static Counter counter(MeterRegistry meters, String outcome) {
    return Counter.builder("epum.notify.notifications").tag("outcome", outcome)
        .description("subscriber notifications by outcome").register(meters);
  }

  @Override
  public void notify(Notification n) {
    requireNonNull(n);
    Lane start = null;
    String refused = null;
    synchronized (lock) {
      if (stopped) {
        refused = "the notifier is stopped";
      } else if (queued >= config.queueSize()) {
        refused = "the queue is full (" + config.queueSize() + " waiting; notify.queue_size)";
      } else {
        queued++;
        Lane lane = lanes.computeIfAbsent(n.subscriber().endpoint(), Lane::new);
        lane.queue.add(new Pending(n));
        if (!lane.busy) {
          lane.busy = true;
          start = lane;
        }
      }
    }
    if (refused != null) {
      drop(n, refused);
    } else if (start != null) {
      scheduler.execute(start::sendHead);
    }
  }

  /** Notifications waiting or in flight. */
  public int queued() {
    synchronized (lock) {
      return queued;
    }
  }

  /** Refuses new notifications and drops the waiting ones (counted and logged once). */
  public void stop() {
    int left;
    synchronized (lock) {
      stopped = true;
      left = queued;
      queued = 0;
      lanes.values().forEach(l -> l.queue.clear());
      lanes.clear();
    }
    if (left > 0) {
      dropped.increment(left);
      log.warn("{} subscriber notifications undelivered at shutdown", left);
    }
  }

  private void drop(Notification n, String why) {
    dropped.increment();
    log.warn("domain={} instance={} notification {} to subscriber {} at {} dropped: {}", n.domain(), n.nodeId(),
        n.state().label(), n.subscriber().name(), n.subscriber().endpoint(), why);
  }

  private static final class Pending {
    final Notification notification;
    int attempts;

    Pending(Notification notification) {
      this.notification = notification;
    }
  }

  /** One endpoint's queue; at most one delivery of it is in flight or waiting out a backoff. */
  private final class Lane {
    final String endpoint;
    final ArrayDeque<Pending> queue = new ArrayDeque<>();
    boolean busy;

    Lane(String endpoint) {
      this.endpoint = endpoint;
    }

    void sendHead() {
      Pending head;
      synchronized (lock) {
        head = queue.peek();
        if (head == null) {
          busy = false;
          lanes.remove(endpoint, this);
          return;
        }
        head.attempts++;
      }
      try {
        delivery.send(head.notification, config.deadline(), error -> done(head, error));
      } catch (RuntimeException e) {
        done(head, e);
      }
    }

    private void done(Pending p, Throwable error) {
      Notification n = p.notification;
      if (error == null) {
        delivered.increment();
        log.debug("domain={} instance={} notified {} to {}", n.domain(), n.nodeId(), n.state().label(),
            n.subscriber().name());
      } else if (p.attempts <= config.retryAttempts()) {
        retried.increment();
        var wait = config.backoffBefore(p.attempts);
        log.info("domain={} instance={} notification to subscriber {} at {} failed (attempt {}), retrying in {}: {}",
            n.domain(), n.nodeId(), n.subscriber().name(), endpoint, p.attempts, wait, error.toString());
        scheduler.schedule(this::sendHead, wait);
        return;
      } else {
        drop(n, "no answer after " + p.attempts + " attempts; last error " + error);
      }
      synchronized (lock) {
        if (queue.peek() == p) {
          queue.poll();
          queued--;
        }
      }
      scheduler.execute(this::sendHead);
    }
  }
}
