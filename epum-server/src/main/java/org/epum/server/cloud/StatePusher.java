package org.epum.server.cloud;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.epum.proto.v1.NodeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import static java.util.Objects.requireNonNull;

/**
 * Pushes node records to EPUM until each is acknowledged. Per node only the newest record is
 * kept: EPUM's "highest state wins" rule makes an older one useless once a newer one exists. One
 * push per node is in flight at a time; a failed push is retried with backoff (100 ms doubling up
 * to {@code maxBackoff}). Runs on the given scheduler, which its owner shuts down.
 */
public final class StatePusher {
  private static final Logger log = LoggerFactory.getLogger(StatePusher.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

  private final InstanceStateSink sink;
  private final ScheduledExecutorService scheduler;
  private final Duration maxBackoff;
  private final Map<String, NodeRecord> waiting = new HashMap<>();
  private final Set<String> inFlight = new HashSet<>();
  private final Map<String, Duration> backoff = new HashMap<>();

  public StatePusher(InstanceStateSink sink, ScheduledExecutorService scheduler, Duration maxBackoff) {
    this.sink = requireNonNull(sink);
    this.scheduler = requireNonNull(scheduler);
    this.maxBackoff = requireNonNull(maxBackoff);
  }

  /** Queues the record (replacing an older queued one of the same node) and sends it soon. */
  public void push(NodeRecord node) {
    String id = node.getInstanceId();
    synchronized (this) {
      NodeRecord queued = waiting.get(id);
      if (queued != null && queued.getUpdateCounter() > node.getUpdateCounter()) {
        return;
      }
      waiting.put(id, node);
      if (!inFlight.add(id)) {
        return;
      }
    }
    submit(id, Duration.ZERO);
  }

  /** Records still waiting for an acknowledgement (for tests and status). */
  public synchronized int pending() {
    return waiting.size();
  }

  private void submit(String id, Duration delay) {
    try {
      scheduler.schedule(() -> send(id), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("instance={} push dropped: provisioner stopping", id);
    }
  }

  private void send(String id) {
    NodeRecord node;
    synchronized (this) {
      node = waiting.get(id);
      if (node == null) {
        inFlight.remove(id);
        return;
      }
    }
    try {
      sink.push(node);
    } catch (RuntimeException e) {
      Duration wait;
      synchronized (this) {
        wait = backoff.getOrDefault(id, FIRST_BACKOFF);
        Duration doubled = wait.multipliedBy(2);
        backoff.put(id, doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled);
      }
      log.warn("instance={} push of {} #{} failed ({}); retrying in {}", id, node.getState(), node.getUpdateCounter(),
          e.getMessage(), wait);
      submit(id, wait);
      return;
    }
    boolean more;
    synchronized (this) {
      backoff.remove(id);
      more = waiting.get(id) != node;
      if (!more) {
        waiting.remove(id);
        inFlight.remove(id);
      }
    }
    if (more) {
      submit(id, Duration.ZERO);
    }
  }
}
