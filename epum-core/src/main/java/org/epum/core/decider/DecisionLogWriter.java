package org.epum.core.decider;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.epum.core.domain.DomainKey;
import org.epum.core.events.DomainEvent;
import org.epum.core.events.DomainEventLog;
import org.epum.core.events.EventBody;
import org.epum.core.events.EventBody.Action;
import org.epum.core.store.Fence;

/**
 * Appends a pass's decisions to the domain's event log, except a pass that only repeats the
 * previous pass's "no action" verdicts: a steady domain costs no writes. The last verdict per
 * domain is remembered here and, after a restart or takeover, read back from the log once.
 */
final class DecisionLogWriter {
  private final DomainEventLog log;
  private final Map<DomainKey, List<EventBody.Decision>> lastIdle = new HashMap<>();

  DecisionLogWriter(DomainEventLog log) {
    this.log = log;
  }

  void write(DomainKey key, List<EventBody.Decision> decisions, Instant now, Fence fence) {
    if (decisions.isEmpty()) {
      return;
    }
    boolean idle = decisions.stream().allMatch(d -> d.action() == Action.NONE);
    if (idle && repeats(key, decisions)) {
      return;
    }
    log.append(key, decisions.stream().map(d -> DomainEvent.of(now, d)).toList(), fence);
    if (idle) {
      lastIdle.put(key, List.copyOf(decisions));
    } else {
      lastIdle.remove(key);
    }
  }

  void forget() {
    lastIdle.clear();
  }

  void forget(DomainKey key) {
    lastIdle.remove(key);
  }

  private boolean repeats(DomainKey key, List<EventBody.Decision> decisions) {
    List<EventBody.Decision> previous = lastIdle.computeIfAbsent(key, this::lastLogged);
    if (previous == null || previous.size() != decisions.size()) {
      return false;
    }
    for (int i = 0; i < decisions.size(); i++) {
      if (!previous.get(i).sameAs(decisions.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The trailing idle decisions in the log, or null when the last logged thing was an action. */
  private List<EventBody.Decision> lastLogged(DomainKey key) {
    long last = log.lastSequence(key);
    if (last == 0) {
      return null;
    }
    var tail = log.read(key, Math.max(0, last - 8), 8);
    ArrayList<EventBody.Decision> idle = new ArrayList<>();
    for (int i = tail.size() - 1; i >= 0; i--) {
      if (tail.get(i).body() instanceof EventBody.Decision d && d.action() == Action.NONE
          && (idle.isEmpty() || tail.get(i).time().equals(tail.get(tail.size() - 1).time()))) {
        idle.add(0, d);
      } else {
        break;
      }
    }
    return idle.isEmpty() ? null : idle;
  }
}
