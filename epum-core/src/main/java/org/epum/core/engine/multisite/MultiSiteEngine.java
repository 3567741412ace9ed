package org.epum.core.engine.multisite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.epum.core.domain.EngineState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.engine.DecisionEngine;
import org.epum.core.engine.DecisionReason;
import org.epum.core.engine.DomainSnapshot;
import org.epum.core.engine.EngineControl;
import org.epum.core.engine.LaunchRequest;
import org.epum.core.engine.multisite.SitePlan.Slot;
import org.epum.core.engine.support.Fleet;
import org.epum.core.engine.support.ScaleTarget;
import org.epum.core.engine.support.SensorPolicy.Scale;
import org.epum.core.engine.support.Victims;

/**
 * Phantom's multi-site overflow engine: keeps a domain's size (minimum_vms, or between the minimum
 * and maximum on a metric) spread over ranked sites. Each pass: learn site capacities from launch
 * failures; destroy the unhealthy; bring every site down to min(size, learnt capacity); then
 * launch the shortfall at the best-ranked sites with room, or destroy the excess from the
 * lowest-ranked sites. Minimum, maximum and replacements are enforced even during a cooldown.
 */
public final class MultiSiteEngine implements DecisionEngine {
  private final CapacityTracker capacity = new CapacityTracker();
  private final ScaleTarget target = new ScaleTarget();
  private MultiSiteConfig conf;
  private EngineState engineState = EngineState.UNKNOWN;

  @Override
  public void initialize(EngineControl control, DomainSnapshot state, Map<String, Object> engineConf) {
    conf = MultiSiteConfig.parse(engineConf);
  }

  @Override
  public void decide(EngineControl control, DomainSnapshot state) {
    if (conf == null) {
      throw new IllegalStateException("decide called before initialize");
    }
    capacity.observe(state);
    boolean acted = !Fleet.destroyUnhealthy(control, state).isEmpty();
    List<Slot> slots = SitePlan.slots(conf.clouds(), capacity::capacity, state.healthy());
    Map<Slot, List<InstanceRecord>> excess = SitePlan.excess(slots);
    excess.forEach((slot, victims) -> control.destroy(Victims.ids(victims), DecisionReason.ABOVE_TARGET,
        excessNote(slot) + "; destroying " + victims.size() + " " + Fleet.describe(victims)));
    slots = slots.stream().map(s -> s.without(excess.getOrDefault(s, List.of()))).toList();
    acted |= !excess.isEmpty();

    List<InstanceRecord> healthy = slots.stream().flatMap(s -> s.healthy().stream()).toList();
    ScaleTarget.Pass pass = target.next(conf.policy(), state, healthy, conf.minimum(), conf.maximum());
    int live = healthy.size();
    int want = pass.target();
    boolean placedAll = true;
    if (live < want) {
      placedAll = grow(control, slots, live, want, pass.scale());
      acted = true;
    } else if (live > want) {
      shrink(control, slots, live, want, pass.scale());
      acted = true;
    }
    if (!acted || pass.scale().reason() == DecisionReason.COOLDOWN) {
      control.noAction(pass.scale().reason(), pass.scale().message());
    }
    engineState = excess.isEmpty() && placedAll ? Fleet.stateOf(healthy, want) : EngineState.PENDING;
  }

  private boolean grow(EngineControl control, List<Slot> slots, int live, int want, Scale scale) {
    SitePlan.Growth growth = SitePlan.grow(slots, want - live);
    DecisionReason reason = scale.delta() > 0 ? DecisionReason.SCALE_UP : DecisionReason.BELOW_TARGET;
    growth.launches().forEach((slot, n) -> {
      String message = live + " healthy, target " + want + "; launching " + n + " at " + slot.site()
          + " (rank " + slot.rank() + ") (" + scale.message() + ")";
      for (int i = 0; i < n; i++) {
        control.launch(new LaunchRequest(conf.deployableType(), slot.site(), conf.allocation(), Map.of()),
            reason, message);
      }
    });
    if (growth.unplaced() > 0) {
      control.noAction(DecisionReason.SITE_AT_CAPACITY, live + " healthy, target " + want + "; no room for "
          + growth.unplaced() + " more at any site (" + describeSites(slots) + ")");
    }
    return growth.unplaced() == 0;
  }

  private void shrink(EngineControl control, List<Slot> slots, int live, int want, Scale scale) {
    DecisionReason reason = scale.delta() < 0 ? DecisionReason.SCALE_DOWN : DecisionReason.ABOVE_TARGET;
    SitePlan.shrink(slots, live - want).forEach((slot, victims) -> control.destroy(Victims.ids(victims), reason,
        live + " healthy, target " + want + "; destroying " + victims.size() + " at " + slot.site()
            + " " + Fleet.describe(victims) + " (" + scale.message() + ")"));
  }

  private String excessNote(Slot slot) {
    if (conf.clouds().stream().noneMatch(c -> c.site().equals(slot.site()))) {
      return "site " + slot.site() + " is no longer in engine_conf.clouds";
    }
    return "site " + slot.site() + " holds " + slot.healthy().size() + " healthy, above its limit " + slot.cap()
        + sizeNote(slot);
  }

  private String sizeNote(Slot slot) {
    return capacity.capacity(slot.site()).isPresent()
        ? " (learnt capacity after " + capacity.failures(slot.site()) + " launch failures)"
        : "";
  }

  private String describeSites(List<Slot> slots) {
    List<String> parts = new ArrayList<>();
    for (Slot s : slots) {
      String cap = s.cap() < 0 ? "unlimited" : Integer.toString(s.cap());
      parts.add(s.site() + " " + s.healthy().size() + "/" + cap + sizeNote(s));
    }
    return String.join(", ", parts);
  }

  @Override
  public void reconfigure(EngineControl control, Map<String, Object> engineConf) {
    conf = MultiSiteConfig.parse(engineConf);
  }

  /** Nothing to release; never throws. */
  @Override
  public void dying() {}

  @Override
  public EngineState engineState() {
    return engineState;
  }
}
