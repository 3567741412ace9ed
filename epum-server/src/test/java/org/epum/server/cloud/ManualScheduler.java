package org.epum.server.cloud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deterministic ScheduledExecutorService in the style of grpc-java's FakeClock: nothing runs
 * until {@link #forward} moves its time, which runs the due tasks in time order on the calling
 * thread. For unit tests of components that schedule their own work.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final PriorityQueue<Task<?>> queue = new PriorityQueue<>(Comparator.<Task<?>>comparingLong(t -> t.at)
      .thenComparingLong(t -> t.seq));
  private long now;
  private long seq;
  private boolean shutdown;

  /** Moves time forward by {@code by}, running every task that falls due on the way. */
  void forward(Duration by) {
    long until = now + by.toNanos();
    while (true) {
      Task<?> next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.at > until) {
          now = until;
          return;
        }
        queue.poll();
        now = Math.max(now, next.at);
      }
      next.run();
      if (next.period > 0 && !next.isCancelled()) {
        synchronized (this) {
          next.at = now + next.period;
          queue.add(next);
        }
      }
    }
  }

  synchronized int pending() {
    return queue.size();
  }

  private synchronized <V> Task<V> add(Task<V> t, long delayNanos) {
    t.at = now + Math.max(0, delayNanos);
    t.seq = seq++;
    queue.add(t);
    return t;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(new Task<>(command, null, 0), unit.toNanos(delay));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return add(new Task<>(callable, 0), unit.toNanos(delay));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    return add(new Task<>(command, null, unit.toNanos(period)), unit.toNanos(initialDelay));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return scheduleAtFixedRate(command, initialDelay, delay, unit);
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> left = new ArrayList<>(queue);
    queue.clear();
    return left;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
    private final long period;
    private long at;
    private long seq;

    Task(Runnable r, V result, long period) {
      super(r, result);
      this.period = period;
    }

    Task(Callable<V> c, long period) {
      super(c);
      this.period = period;
    }

    @Override
    public void run() {
      if (period > 0) {
        runAndReset();
      } else {
        super.run();
      }
    }

    @Override
    public long getDelay(TimeUnit unit) {
      synchronized (ManualScheduler.this) {
        return unit.convert(at - now, TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      synchronized (ManualScheduler.this) {
        queue.remove(this);
      }
      return super.cancel(mayInterrupt);
    }
  }
}
