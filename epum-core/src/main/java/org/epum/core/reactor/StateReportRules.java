package org.epum.core.reactor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.function.Consumer;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;

/**
 * DESIGN §2's rules for accepting a state report, as a pure function: states never go backwards;
 * an equal state needs a higher update_counter (or none on either side); reported fields overlay
 * the record while launch fields and extravars carry forward; from TERMINATING on, health resets
 * to UNKNOWN and errors are kept.
 */
final class StateReportRules {
  private StateReportRules() {}

  /** Why the report must be dropped, or empty if it is to be applied. */
  static Optional<String> rejection(InstanceRecord stored, StateReport report) {
    if (report.state().isBelow(stored.state())) {
      return Optional.of("state went backwards: stored " + stored.state().label() + ", reported "
          + report.state().label());
    }
    if (report.state() != stored.state()) {
      return Optional.empty();
    }
    Long storedCounter = stored.updateCounter();
    Long reported = report.updateCounter();
    if (storedCounter == null) {
      return Optional.empty();
    }
    if (reported == null || reported <= storedCounter) {
      return Optional.of("same state " + stored.state().label() + " without a higher update_counter (stored "
          + storedCounter + ", reported " + (reported == null ? "none" : reported) + ")");
    }
    return Optional.empty();
  }

  static InstanceRecord apply(InstanceRecord stored, StateReport report, Instant now) {
    var next = stored.toBuilder().state(report.state());
    if (report.state() != stored.state()) {
      next.stateTime(now);
    }
    if (report.updateCounter() != null) {
      next.updateCounter(report.updateCounter());
    }
    overlay(report.iaasId(), next::iaasId);
    overlay(report.publicIp(), next::publicIp);
    overlay(report.privateIp(), next::privateIp);
    overlay(report.hostname(), next::hostname);
    if (!report.properties().isEmpty() || !report.stateDesc().isEmpty()) {
      var properties = new LinkedHashMap<>(stored.properties());
      properties.putAll(report.properties());
      if (!report.stateDesc().isEmpty()) {
        properties.put("state_desc", report.stateDesc());
      }
      next.properties(properties);
    }
    if (report.state().isAtLeast(InstanceState.TERMINATING)) {
      next.health(HealthState.UNKNOWN);
    }
    return next.build();
  }

  private static void overlay(String value, Consumer<String> setter) {
    if (!value.isEmpty()) {
      setter.accept(value);
    }
  }
}
