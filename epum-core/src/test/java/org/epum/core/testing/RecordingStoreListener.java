package org.epum.core.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.epum.core.domain.DomainKey;
import org.epum.core.store.StoreListener;

/**
 * Records store notifications as strings ({@code definition:def1}, {@code domain:o/d1},
 * {@code instance:o/d1/i-1}) with the name of the thread that delivered each, for tests to wait on.
 */
public final class RecordingStoreListener implements StoreListener {
  /** One notification and the thread it arrived on. */
  public record Event(String what, String thread) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

  @Override
  public void definitionChanged(String definitionId) {
    record("definition:" + definitionId);
  }

  @Override
  public void domainChanged(DomainKey key) {
    record("domain:" + key);
  }

  @Override
  public void instanceChanged(DomainKey key, String instanceId) {
    record("instance:" + key + "/" + instanceId);
  }

  @Override
  public void eventsChanged(DomainKey key) {
    record("events:" + key);
  }

  private void record(String what) {
    events.add(new Event(what, Thread.currentThread().getName()));
  }

  /**
   * Takes notifications until one matches, waiting at most {@code timeout} in all.
   *
   * @return the matching event, or null if none came in time
   */
  public Event awaitEvent(String what, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      Event e = events.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) {
        return null;
      }
      if (e.what().equals(what)) {
        return e;
      }
    }
    return null;
  }

  /** The next notification, whatever it is; null if none came within the timeout. */
  public Event next(Duration timeout) throws InterruptedException {
    return events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Waits until {@code condition} holds, re-checking it after each notification (the store tells
   * listeners after its reads show a change, so no polling is needed).
   *
   * @return whether it held before the timeout
   */
  public boolean awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || next(Duration.ofNanos(left)) == null) {
        return condition.getAsBoolean();
      }
    }
    return true;
  }

  /** Whatever arrived and was not taken yet. */
  public java.util.List<Event> drain() {
    java.util.List<Event> out = new java.util.ArrayList<>();
    events.drainTo(out);
    return out;
  }
}
