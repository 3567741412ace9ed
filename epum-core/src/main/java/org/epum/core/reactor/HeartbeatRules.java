package org.epum.core.reactor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.epum.core.domain.FailedProcess;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceError;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;

/**
 * DESIGN §6's heartbeat rules as a pure function, plus the bounds that keep a misbehaving agent
 * from bloating a record: an OK heartbeat makes the instance OK (unless ZOMBIE or terminated) and
 * clears errors; an error heartbeat sets its state and errors unless already in that state, so
 * the first error's details are kept.
 */
final class HeartbeatRules {
  static final int MAX_ERROR_CHARS = 4096;
  static final int MAX_PROCESSES = 16;

  private HeartbeatRules() {}

  /** The record's health after the heartbeat (receipt time and agent address are the caller's business). */
  static InstanceRecord applyHealth(InstanceRecord stored, Heartbeat hb, Instant now) {
    var next = stored.toBuilder();
    if (hb.state() == HealthState.OK) {
      if (stored.health() != HealthState.ZOMBIE && stored.state().isBelow(InstanceState.TERMINATED)) {
        next.health(HealthState.OK).errors(List.of()).errorTime(null);
      }
    } else if (stored.health() != hb.state()) {
      next.health(hb.state()).errors(errors(hb)).errorTime(hb.errorTime() == null ? now : hb.errorTime());
    }
    return next.build();
  }

  static List<InstanceError> errors(Heartbeat hb) {
    List<InstanceError> out = new ArrayList<>();
    String message = bounded(hb.error());
    for (FailedProcess p : hb.failedProcesses().subList(0, Math.min(MAX_PROCESSES, hb.failedProcesses().size()))) {
      String text = message.isEmpty() ? "process " + p.name() + " failed (exit code " + p.exitCode() + ")" : message;
      out.add(new InstanceError(text, new FailedProcess(p.name(), p.state(), p.exitCode(), bounded(p.stderr()),
          p.stopTimestamp())));
    }
    if (hb.failedProcesses().size() > MAX_PROCESSES) {
      out.add(InstanceError.of((hb.failedProcesses().size() - MAX_PROCESSES) + " more failed processes not kept"));
    }
    if (out.isEmpty() && !message.isEmpty()) {
      out.add(InstanceError.of(message));
    }
    return out;
  }

  /** Says what the bounds cut from this heartbeat's error details; empty when nothing was. */
  static String trimNote(Heartbeat hb) {
    List<String> cut = new ArrayList<>();
    if (hb.error().length() > MAX_ERROR_CHARS) {
      cut.add("error truncated to " + MAX_ERROR_CHARS + " of " + hb.error().length() + " characters");
    }
    long longStderr = hb.failedProcesses().stream().filter(p -> p.stderr().length() > MAX_ERROR_CHARS).count();
    if (longStderr > 0) {
      cut.add("stderr of " + longStderr + " failed process(es) truncated to " + MAX_ERROR_CHARS + " characters");
    }
    if (hb.failedProcesses().size() > MAX_PROCESSES) {
      cut.add("only the first " + MAX_PROCESSES + " of " + hb.failedProcesses().size() + " failed processes kept");
    }
    return cut.isEmpty() ? "" : String.join("; ", cut);
  }

  static String bounded(String text) {
    if (text.length() <= MAX_ERROR_CHARS) {
      return text;
    }
    return text.substring(0, MAX_ERROR_CHARS) + "... [truncated " + (text.length() - MAX_ERROR_CHARS)
        + " characters]";
  }
}
