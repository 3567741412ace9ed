package org.epum.core.engine.support;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.epum.core.domain.EngineState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.engine.DecisionReason;
import org.epum.core.engine.DomainSnapshot;
import org.epum.core.engine.EngineControl;
import org.epum.core.engine.LaunchRequest;

/**
 * The keep-N-alive pass shared by the simplest and needy engines: destroy the unhealthy, launch
 * the shortfall, destroy the excess. Instances that are not live (FAILED, REJECTED,
 * ERROR_RETRYING, terminated) are simply not counted, so they are replaced and never destroyed.
 *
 * @param target how many healthy live instances to keep
 * @param template what to launch
 * @param uniques unique values handed to launches; {@link UniqueValues#none()} when unused
 * @param retirable instance ids to destroy first when shrinking
 */
public record PreserveN(int target, LaunchRequest template, UniqueValues uniques, List<String> retirable) {
  public PreserveN {
    requireNonNull(template, "template");
    requireNonNull(uniques, "uniques");
    retirable = List.copyOf(retirable);
  }

  /** Runs one pass; returns the engine state it leads to. */
  public EngineState decide(EngineControl control, DomainSnapshot state) {
    List<InstanceRecord> unhealthy = Fleet.destroyUnhealthy(control, state);
    List<InstanceRecord> healthy = state.healthy();
    int live = healthy.size();
    String count = live + " of preserve_n " + target + " live";
    if (live < target) {
      int want = target - live;
      Fleet.launch(control, template, want, uniques, healthy, DecisionReason.BELOW_TARGET,
          count + "; launching " + want);
    } else if (live > target) {
      List<InstanceRecord> victims = Victims.choose(healthy, live - target, retirable);
      control.destroy(Victims.ids(victims), DecisionReason.ABOVE_TARGET,
          count + "; destroying " + victims.size() + " " + Fleet.describe(victims));
    } else if (!Fleet.pending(healthy).isEmpty()) {
      control.noAction(DecisionReason.WAITING_FOR_PENDING,
          count + "; waiting for " + Fleet.pending(healthy).size() + " to reach RUNNING");
    } else if (unhealthy.isEmpty()) {
      control.noAction(DecisionReason.AT_TARGET, count);
    }
    return Fleet.stateOf(healthy, target);
  }
}
