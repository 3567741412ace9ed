package org.epum.server.cloud;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, checking it every few milliseconds, and fails with the
 * last observed value if the deadline passes. For outcomes of the sim's real-time scheduler.
 */
final class Eventually {
  private Eventually() {}

  static void until(String what, Duration bound, BooleanSupplier condition) {
    until(what, bound, () -> condition.getAsBoolean() ? "" : null, v -> v != null);
  }

  static <T> T until(String what, Duration bound, Supplier<T> probe, java.util.function.Predicate<T> ok) {
    long deadline = System.nanoTime() + bound.toNanos();
    T last = null;
    while (true) {
      last = probe.get();
      if (ok.test(last)) {
        return last;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + bound + ": " + what + "; last seen: " + last);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }
}
