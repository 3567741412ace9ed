package org.epum.core.reactor;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.time.Clock;
import org.epum.core.domain.DomainKey;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts the Provisioner's state reports (the reactor's side of InstanceStates). Concurrent
 * reports on one instance resolve by compare-and-set retry, each retry re-reading the record, so
 * the highest state always wins whatever the arrival order.
 */
public final class InstanceStateIntake {
  private static final Logger log = LoggerFactory.getLogger(InstanceStateIntake.class);
  private static final int MAX_ATTEMPTS = 64;

  private final EpumStore store;
  private final Clock clock;

  @Inject
  public InstanceStateIntake(EpumStore store, Clock clock) {
    this.store = requireNonNull(store);
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
        return new ReportOutcome(key, true, "", stored.value(), next);
      } catch (EpumException e) {
        if (e.code() != ErrorCode.VERSION_CONFLICT || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static EpumException unknown(String nodeId) {
    return EpumException.notFound("no instance " + nodeId + " is known to EPUM; report only nodes that "
        + "EPUM asked the provisioner to launch");
  }
}
