package org.epum.core.reactor;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.events.DomainEvent;
import org.epum.core.events.DomainEventLog;
import org.epum.core.events.EventBody;
import org.epum.core.notify.NotificationRules;
import org.epum.core.notify.Notifier;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts the Provisioner's state reports (the reactor's side of InstanceStates). Concurrent
 * reports on one instance resolve by compare-and-set retry, each retry re-reading the record, so
 * the highest state always wins whatever the arrival order. An accepted report that changes the
 * state is appended to the domain's event log, and the domain's subscribers are notified through
 * the {@link Notifier}, which only queues: the report never waits for a subscriber.
 */
public final class InstanceStateIntake {
  private static final Logger log = LoggerFactory.getLogger(InstanceStateIntake.class);
  private static final int MAX_ATTEMPTS = 64;

  private final EpumStore store;
  private final DomainEventLog events;
  private final Notifier notifier;
  private final Clock clock;

  @Inject
  public InstanceStateIntake(EpumStore store, DomainEventLog events, Notifier notifier, Clock clock) {
    this.store = requireNonNull(store);
    this.events = requireNonNull(events);
    this.notifier = requireNonNull(notifier);
    this.clock = requireNonNull(clock);
  }

  public ReportOutcome report(StateReport report) {
    DomainKey key = store.domainOfInstance(report.nodeId()).orElseThrow(() -> unknown(report.nodeId()));
    for (int attempt = 1; ; attempt++) {
      var stored = store.instance(key, report.nodeId()).orElseThrow(() -> unknown(report.nodeId()));
      var rejection = StateReportRules.rejection(stored.value(), report);
      if (rejection.isPresent()) {
        log.debug("domain={} instance={} report dropped: {}", key, report.nodeId(), rejection.get());
        return new ReportOutcome(key, false, rejection.get(), stored.value(), stored.value());
      }
      var next = StateReportRules.apply(stored.value(), report, clock.instant());
      try {
        store.updateInstance(key, next, stored.version(), Fence.NONE);
      } catch (EpumException e) {
        if (e.code() != ErrorCode.VERSION_CONFLICT || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        continue;
      }
      recordChange(key, stored.value(), next);
      notifySubscribers(key, stored.value(), next);
      return new ReportOutcome(key, true, "", stored.value(), next);
    }
  }

  /** The event log is a record of what happened, not the truth: failing to append never fails the report. */
  private void recordChange(DomainKey key, InstanceRecord previous, InstanceRecord current) {
    if (previous.state() == current.state()) {
      return;
    }
    try {
      events.append(key, List.of(DomainEvent.of(clock.instant(),
          new EventBody.InstanceStateChange(current.instanceId(), previous.state(), current.state()))), Fence.NONE);
    } catch (EpumException e) {
      log.warn("domain={} instance={} state change {} -> {} not logged: {}", key, current.instanceId(),
          previous.state(), current.state(), e.getMessage());
    }
  }

  private void notifySubscribers(DomainKey key, InstanceRecord previous, InstanceRecord current) {
    var state = NotificationRules.stateToNotify(previous, current);
    if (state.isEmpty()) {
      return;
    }
    List<org.epum.core.domain.Subscriber> subscribers;
    try {
      subscribers = store.subscribers(key).value();
    } catch (EpumException e) {
      log.warn("domain={} instance={} subscribers not notified of {}: {}", key, current.instanceId(),
          state.get().label(), e.getMessage());
      return;
    }
    NotificationRules.notifications(key, subscribers, current, state.get()).forEach(notifier::notify);
  }

  private static EpumException unknown(String nodeId) {
    return EpumException.notFound("no instance " + nodeId + " is known to EPUM; report only nodes that "
        + "EPUM asked the provisioner to launch");
  }
}
