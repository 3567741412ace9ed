package org.epum.client.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deterministic ScheduledExecutorService in the style of grpc-java's FakeClock: nothing runs
 * until {@link #runDue()} or {@link #forwardTime}; then the due tasks run on the calling thread.
 * Supports execute and scheduleAtFixedRate (what AgentCore uses).
 */
final class FakeScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final List<Task> tasks = new ArrayList<>();
  private long nowNanos;
  private boolean shutdown;

  /** Runs what is due now. */
  synchronized void runDue() {
    forwardTime(Duration.ZERO);
  }

  /** Moves time on, running each task as its time comes. */
  synchronized void forwardTime(Duration d) {
    long end = nowNanos + d.toNanos();
    while (true) {
      Task next = tasks.stream().filter(t -> !t.cancelled && t.due <= end).min(Comparator.comparingLong(t -> t.due))
          .orElse(null);
      if (next == null) {
        break;
      }
      nowNanos = Math.max(nowNanos, next.due);
      if (next.period > 0) {
        next.due += next.period;
      } else {
        tasks.remove(next);
      }
      next.command.run();
    }
    nowNanos = end;
    tasks.removeIf(t -> t.cancelled);
  }

  synchronized int pending() {
    return (int) tasks.stream().filter(t -> !t.cancelled).count();
  }

  @Override
  public synchronized void execute(Runnable command) {
    tasks.add(new Task(command, nowNanos, 0));
  }

  @Override
  public synchronized ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
      TimeUnit unit) {
    Task t = new Task(command, nowNanos + unit.toNanos(initialDelay), unit.toNanos(period));
    tasks.add(t);
    return t;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown();
    return List.of();
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return isShutdown();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  private final class Task implements ScheduledFuture<Object> {
    final Runnable command;
    final long period;
    long due;
    volatile boolean cancelled;

    Task(Runnable command, long due, long period) {
      this.command = command;
      this.due = due;
      this.period = period;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - nowNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      cancelled = true;
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled;
    }

    @Override
    public Object get() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }
  }
}
