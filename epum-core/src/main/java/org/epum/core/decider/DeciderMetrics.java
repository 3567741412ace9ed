package org.epum.core.decider;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.InstanceState;
import org.epum.core.store.EpumStore;

/**
 * The decider's meters: pass duration, failures, active domains, instances by state (counted at
 * the end of each pass from the store's cache) and provisioner calls by method and outcome.
 */
final class DeciderMetrics {
  private final MeterRegistry meters;
  private final EpumStore store;
  private final Timer passTime;
  private final Counter failures;
  private final AtomicInteger domains = new AtomicInteger();
  private final Map<InstanceState, AtomicInteger> byState = new EnumMap<>(InstanceState.class);

  DeciderMetrics(MeterRegistry meters, EpumStore store) {
    this.meters = meters;
    this.store = store;
    this.passTime = Timer.builder("epum.decider.pass").description("one decider pass over every domain")
        .register(meters);
    this.failures = Counter.builder("epum.decider.failures").description("domains whose engine failed in a pass")
        .register(meters);
    Gauge.builder("epum.decider.domains", domains, AtomicInteger::get).register(meters);
    for (InstanceState s : InstanceState.values()) {
      AtomicInteger count = new AtomicInteger();
      byState.put(s, count);
      Gauge.builder("epum.instances", count, AtomicInteger::get).tag("state", s.name()).register(meters);
    }
  }

  <T> T timePass(Supplier<T> pass) {
    return passTime.record(pass);
  }

  void engineFailure() {
    failures.increment();
  }

  void domains(int count) {
    domains.set(count);
    Map<InstanceState, Integer> counts = new EnumMap<>(InstanceState.class);
    for (DomainKey key : store.allDomains()) {
      store.instances(key).forEach(v -> counts.merge(v.value().state(), 1, Integer::sum));
    }
    byState.forEach((state, gauge) -> gauge.set(counts.getOrDefault(state, 0)));
  }

  void provisionerCall(String method, String outcome) {
    Counter.builder("epum.provisioner.calls").tag("method", method).tag("outcome", outcome).register(meters)
        .increment();
  }
}
