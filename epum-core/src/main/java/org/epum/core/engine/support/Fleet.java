package org.epum.core.engine.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.epum.core.domain.EngineState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.DecisionReason;
import org.epum.core.engine.DomainSnapshot;
import org.epum.core.engine.EngineControl;
import org.epum.core.engine.LaunchRequest;

/** The actions every built-in engine takes the same way. Stateless. */
public final class Fleet {
  private Fleet() {}

  /**
   * Destroys every unhealthy instance, ZOMBIE ones included whatever their state (the decider
   * throttles repeated terminates). Returns them.
   */
  public static List<InstanceRecord> destroyUnhealthy(EngineControl control, DomainSnapshot state) {
    List<InstanceRecord> unhealthy = state.unhealthy();
    if (!unhealthy.isEmpty()) {
      control.destroy(Victims.ids(unhealthy), DecisionReason.REPLACING_UNHEALTHY,
          unhealthy.size() + " unhealthy instance(s) " + describe(unhealthy) + "; destroying them");
    }
    return unhealthy;
  }

  /**
   * Launches {@code count} copies of {@code template}. With unique values, each launch takes the
   * first value no instance of {@code holders} (nor an earlier launch of this call) holds; when none
   * is left it stops and records a no-action saying so. Returns how many it launched.
   */
  public static int launch(EngineControl control, LaunchRequest template, int count, UniqueValues uniques,
      List<InstanceRecord> holders, DecisionReason reason, String message) {
    Optional<List<Object>> free = uniques.free(holders);
    int n = free.map(values -> Math.min(count, values.size())).orElse(count);
    for (int i = 0; i < n; i++) {
      LaunchRequest request = free.isEmpty() ? template
          : new LaunchRequest(template.deployableType(), template.site(), template.allocation(),
              uniques.extravars(free.get().get(i)));
      control.launch(request, reason, message);
    }
    if (n < count) {
      control.noAction(reason, "wanted " + count + " more instance(s) but only " + n + " unique_values value(s) of "
          + uniques.values() + " under " + uniques.key() + " are free; add values to unique_values to grow");
    }
    return n;
  }

  /** STABLE when exactly {@code target} healthy instances exist and all are RUNNING; otherwise PENDING. */
  public static EngineState stateOf(List<InstanceRecord> healthy, int target) {
    boolean allRunning = healthy.stream().allMatch(i -> i.state() == InstanceState.RUNNING);
    return healthy.size() == target && allRunning ? EngineState.STABLE : EngineState.PENDING;
  }

  /** The healthy instances that are not yet RUNNING. */
  public static List<InstanceRecord> pending(List<InstanceRecord> healthy) {
    return healthy.stream().filter(i -> i.state().isBelow(InstanceState.RUNNING)).toList();
  }

  /** A short list of ids for messages: at most five, then "and N more". */
  public static String describe(List<InstanceRecord> instances) {
    List<String> ids = new ArrayList<>(Victims.ids(instances));
    if (ids.size() <= 5) {
      return ids.toString();
    }
    return ids.subList(0, 5) + " and " + (ids.size() - 5) + " more";
  }
}
