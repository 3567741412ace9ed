package org.epum.server.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.store.EpumStore;
import org.epum.core.store.StoreListener;
import org.epum.core.store.Versioned;

/**
 * Waits for an instance record to meet a condition, woken by the store's change notifications
 * (never by polling), with a deadline; fails with the last record seen.
 */
public final class StoreWaits {
  private StoreWaits() {}

  public static InstanceRecord awaitInstance(EpumStore store, DomainKey key, String id,
      Predicate<InstanceRecord> condition, String what, Duration timeout) throws InterruptedException {
    Semaphore changed = new Semaphore(0);
    AutoCloseable registration = store.addListener(new StoreListener() {
      @Override
      public void instanceChanged(DomainKey k, String instanceId) {
        if (instanceId.equals(id)) {
          changed.release();
        }
      }
    });
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        Optional<InstanceRecord> now = store.instance(key, id).map(Versioned::value);
        if (now.isPresent() && condition.test(now.get())) {
          return now.get();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("instance " + id + " did not become " + what + " within " + timeout
              + "; last seen: " + now.orElse(null));
        }
        changed.tryAcquire(left, TimeUnit.NANOSECONDS);
        changed.drainPermits();
      }
    } finally {
      try {
        registration.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
