package org.epum.server.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting on a condition that has no signal to wait on (a meter, a count kept by another
 * process), re-checked every few milliseconds until it holds or the deadline passes. Prefer a
 * signalled wait (a queue, a latch) where there is one.
 */
public final class Waits {
  private Waits() {}

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
  }
}
