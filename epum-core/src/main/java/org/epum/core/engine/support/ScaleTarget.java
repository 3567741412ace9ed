package org.epum.core.engine.support;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.engine.DecisionReason;
import org.epum.core.engine.DomainSnapshot;
import org.epum.core.engine.support.SensorPolicy.Scale;

/**
 * A sensor-scaled domain's remembered size: the target the metric last asked for and when it last
 * moved it. Remembering the target (the original recomputed it from the healthy count each pass)
 * is what lets an engine replace a failed instance when the domain is between its minimum and
 * maximum, and do so during a cooldown. A fresh engine (e.g. on a new leader) starts from the
 * healthy count. Not thread-safe: owned by one engine, used from the decider's thread.
 */
public final class ScaleTarget {
  private Integer target;
  private Instant lastScaleAction;

  /** This pass's target and the scaling decision that produced it. */
  public record Pass(int target, Scale scale) {}

  /**
   * Moves the target for this pass: the last target (or the healthy count) kept in [min, max],
   * then, unless a cooldown is running, moved by what the metric asks for.
   */
  public Pass next(SensorPolicy policy, DomainSnapshot state, List<InstanceRecord> healthy, int min, int max) {
    int base = Math.max(min, Math.min(max, target == null ? healthy.size() : target));
    Optional<Instant> cooldownEnds = policy.cooldownEnds(lastScaleAction);
    Scale scale;
    if (cooldownEnds.isPresent() && state.now().isBefore(cooldownEnds.get())) {
      scale = new Scale(0, DecisionReason.COOLDOWN, "last scale action at " + lastScaleAction
          + "; cooldown_period " + policy.cooldown().toSeconds() + "s runs until " + cooldownEnds.get()
          + "; target " + base);
    } else {
      scale = policy.evaluate(state, healthy, base, min, max);
    }
    if (scale.delta() != 0) {
      lastScaleAction = state.now();
    }
    target = base + scale.delta();
    return new Pass(target, scale);
  }
}
