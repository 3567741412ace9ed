package org.epum.server.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link DeliveryScheduler} on fake time: tasks run only when {@link #runDue()} or {@link #advance} says so. */
final class FakeDeliveryScheduler implements DeliveryScheduler {
  private record Task(Duration due, long order, Runnable task) {}

  private final List<Task> tasks = new ArrayList<>();
  private final List<Duration> delays = new ArrayList<>();
  private Duration now = Duration.ZERO;
  private long order;

  @Override
  public synchronized void execute(Runnable task) {
    tasks.add(new Task(now, order++, task));
  }

  @Override
  public synchronized void schedule(Runnable task, Duration delay) {
    delays.add(delay);
    tasks.add(new Task(now.plus(delay), order++, task));
  }

  /** Runs every task due now (including ones they queue for now), in due-then-submission order. */
  void runDue() {
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.stream().filter(t -> t.due().compareTo(now) <= 0)
            .min(Comparator.comparing(Task::due).thenComparingLong(Task::order)).orElse(null);
        if (next == null) {
          return;
        }
        tasks.remove(next);
      }
      next.task().run();
    }
  }

  void advance(Duration d) {
    synchronized (this) {
      now = now.plus(d);
    }
    runDue();
  }

  synchronized List<Duration> backoffs() {
    return List.copyOf(delays);
  }
}
