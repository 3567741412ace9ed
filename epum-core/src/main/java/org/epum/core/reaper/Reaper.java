package org.epum.core.reaper;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainLifecycle;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;
import org.epum.core.store.Versioned;

/**
 * One reaper pass ({@link #runOnce()}): deletes instance records that are TERMINATED, FAILED or
 * REJECTED and older than {@code maxAge} (by state time), except in domains being removed, whose
 * records the decider needs to finish the removal. Not thread-safe: one thread calls it.
 */
public final class Reaper {
  private final EpumStore store;
  private final Clock clock;
  private final Duration maxAge;
  private final Supplier<Fence> fence;
  private final Counter reaped;

  public Reaper(EpumStore store, Clock clock, Duration maxAge, Supplier<Fence> fence, MeterRegistry meters) {
    this.store = requireNonNull(store);
    this.clock = requireNonNull(clock);
    this.maxAge = requireNonNull(maxAge);
    this.fence = requireNonNull(fence);
    this.reaped = Counter.builder("epum.reaper.deletions").description("instance records reaped").register(meters);
  }

  /** Returns the records it deleted. */
  public List<Reaped> runOnce() {
    Instant cutoff = clock.instant().minus(maxAge);
    Fence current = fence.get();
    List<Reaped> deleted = new ArrayList<>();
    for (DomainKey key : store.allDomains()) {
      var domain = store.domain(key).orElse(null);
      if (domain == null || domain.value().lifecycle() == DomainLifecycle.REMOVING) {
        continue;
      }
      for (Versioned<InstanceRecord> v : store.instances(key)) {
        InstanceRecord i = v.value();
        if (i.state().isTerminal() && i.stateTime().isBefore(cutoff) && delete(key, v, current)) {
          deleted.add(new Reaped(key, i.instanceId(), i));
          reaped.increment();
        }
      }
    }
    return deleted;
  }

  /** A record changed since it was read is left for the next pass. */
  private boolean delete(DomainKey key, Versioned<InstanceRecord> v, Fence fence) {
    try {
      store.deleteInstance(key, v.value().instanceId(), v.version(), fence);
      return true;
    } catch (EpumException e) {
      if (e.code() == ErrorCode.VERSION_CONFLICT || e.code() == ErrorCode.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** One deleted record. */
  public record Reaped(DomainKey domain, String instanceId, InstanceRecord record) {}
}
