package org.epum.core.doctor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.HealthSettings;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.events.DomainEvent;
import org.epum.core.events.DomainEventLog;
import org.epum.core.events.EventBody;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;
import org.epum.core.store.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import static java.util.Objects.requireNonNull;

/**
 * One doctor pass ({@link #runOnce()}) over every health-monitored domain, applying
 * {@link DoctorRules}: synchronous and safe to repeat. Health settings are read from each domain's
 * current config on every pass, so a change applies on the next pass. The doctor never
 * terminates anything; engines replace unhealthy instances. Not thread-safe: one thread (the role's
 * owner) calls it.
 */
public final class Doctor {
  private static final Logger log = LoggerFactory.getLogger(Doctor.class);
  private static final int MAX_CAS_ATTEMPTS = 8;

  private final EpumStore store;
  private final DomainEventLog events;
  private final AgentProber prober;
  private final Clock clock;
  private final Supplier<Fence> fence;
  private final MeterRegistry meters;
  private final Map<String, Instant> probedAt = new HashMap<>();
  private Instant startedAt;

  public Doctor(EpumStore store, DomainEventLog events, AgentProber prober, Clock clock, Supplier<Fence> fence,
      MeterRegistry meters) {
    this.store = requireNonNull(store);
    this.events = requireNonNull(events);
    this.prober = requireNonNull(prober);
    this.clock = requireNonNull(clock);
    this.fence = requireNonNull(fence);
    this.meters = requireNonNull(meters);
  }

  /** Forgets what a previous term knew: the next pass counts as this doctor's start. */
  public void takeOver() {
    startedAt = null;
    probedAt.clear();
  }

  public DoctorPass runOnce() {
    Instant now = clock.instant();
    if (startedAt == null) {
      startedAt = now;
    }
    Fence current = fence.get();
    List<HealthTransition> transitions = new ArrayList<>();
    int probes = 0;
    for (DomainKey key : store.allDomains()) {
      var domain = store.domain(key).orElse(null);
      if (domain == null) {
        continue;
      }
      HealthSettings settings = HealthSettings.of(domain.value().config());
      if (!settings.monitorHealth()) {
        continue;
      }
      List<DomainEvent> changes = new ArrayList<>();
      for (Versioned<InstanceRecord> v : store.instances(key)) {
        InstanceRecord i = v.value();
        HealthVerdict verdict = DoctorRules.judge(i, settings, now, startedAt, probedAt.get(i.instanceId()));
        if (i.health() != HealthState.OUT_OF_CONTACT && verdict.health() != HealthState.OUT_OF_CONTACT) {
          probedAt.remove(i.instanceId());
        }
        if (verdict.probe()) {
          probedAt.put(i.instanceId(), now);
          if (!i.agentAddress().isEmpty()) {
            prober.probe(i.agentAddress(), i.instanceId());
            probes++;
          }
        }
        if (verdict.health() != i.health() && write(key, i, verdict, current)) {
          transitions.add(new HealthTransition(key, i.instanceId(), i.health(), verdict.health(), verdict.reason()));
          changes.add(DomainEvent.of(now, new EventBody.HealthChange(i.instanceId(), i.health(), verdict.health(),
              verdict.reason())));
          Counter.builder("epum.health.transitions").tag("to", verdict.health().name()).register(meters).increment();
        }
      }
      if (!changes.isEmpty()) {
        events.append(key, changes, current);
      }
    }
    probedAt.keySet().removeIf(id -> store.domainOfInstance(id).isEmpty());
    return new DoctorPass(transitions, probes);
  }

  /**
   * Writes the verdict unless a heartbeat changed the record meanwhile (then the heartbeat's
   * news wins and the next pass judges again). Returns whether it was written.
   */
  private boolean write(DomainKey key, InstanceRecord judged, HealthVerdict verdict, Fence fence) {
    for (int attempt = 1; attempt <= MAX_CAS_ATTEMPTS; attempt++) {
      var stored = store.instance(key, judged.instanceId()).orElse(null);
      if (stored == null || stored.value().health() != judged.health()
          || !Objects.equals(stored.value().lastHeartbeat(), judged.lastHeartbeat())) {
        return false;
      }
      try {
        store.updateInstance(key, stored.value().toBuilder().health(verdict.health()).build(), stored.version(),
            fence);
        log.info("domain={} instance={} health {} -> {}: {}", key, judged.instanceId(), judged.health(),
            verdict.health(), verdict.reason());
        return true;
      } catch (EpumException e) {
        if (e.code() != ErrorCode.VERSION_CONFLICT) {
          throw e;
        }
      }
    }
    return false;
  }
}
