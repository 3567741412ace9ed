package org.epum.server.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting on a condition that has no signal to wait on (a meter, a count kept by another
 * process, a store cache catching up by watches), re-checked every few milliseconds until it
 * holds or the deadline passes. Prefer a signalled wait (a queue, a latch) where there is one.
 */
public final class Waits {
  private static final Duration POLL = Duration.ofMillis(5);

  private Waits() {}

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    until(what, timeout, condition::getAsBoolean, Boolean::booleanValue);
  }

  /** Returns the first probed value that is {@code ok}; a timeout names the last one seen. */
  public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> ok) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T last = probe.get();
      if (ok.test(last)) {
        return last;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last seen: " + last);
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }
}
