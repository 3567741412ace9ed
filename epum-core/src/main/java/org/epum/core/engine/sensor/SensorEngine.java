package org.epum.core.engine.sensor;

import java.util.List;
import java.util.Map;
import org.epum.core.domain.EngineState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.engine.DecisionEngine;
import org.epum.core.engine.DecisionReason;
import org.epum.core.engine.DomainSnapshot;
import org.epum.core.engine.EngineControl;
import org.epum.core.engine.support.Fleet;
import org.epum.core.engine.support.ScaleTarget;
import org.epum.core.engine.support.SensorPolicy.Scale;
import org.epum.core.engine.support.Victims;

/**
 * Scales a domain between {@code minimum_vms} and {@code maximum_vms} on one metric. Each pass:
 * destroy the unhealthy; keep the target within [min, max] and replace missing instances, even
 * during a cooldown (the original skipped both during a cooldown); then, unless a cooldown is
 * running, move the target by the metric's thresholds and launch or destroy to meet it.
 */
public final class SensorEngine implements DecisionEngine {
  private final ScaleTarget target = new ScaleTarget();
  private SensorConfig conf;
  private EngineState engineState = EngineState.UNKNOWN;

  @Override
  public void initialize(EngineControl control, DomainSnapshot state, Map<String, Object> engineConf) {
    conf = SensorConfig.parse(engineConf);
  }

  @Override
  public void decide(EngineControl control, DomainSnapshot state) {
    if (conf == null) {
      throw new IllegalStateException("decide called before initialize");
    }
    boolean acted = !Fleet.destroyUnhealthy(control, state).isEmpty();
    List<InstanceRecord> healthy = state.healthy();
    int live = healthy.size();
    ScaleTarget.Pass pass = target.next(conf.policy(), state, healthy, conf.minimum(), conf.maximum());
    Scale scale = pass.scale();
    int want = pass.target();
    if (live < want) {
      DecisionReason reason = scale.delta() > 0 ? DecisionReason.SCALE_UP : DecisionReason.BELOW_TARGET;
      Fleet.launch(control, conf.template(), want - live, conf.uniques(), healthy, reason,
          live + " live, target " + want + "; launching " + (want - live) + " (" + scale.message() + ")");
    } else if (live > want) {
      DecisionReason reason = scale.delta() < 0 ? DecisionReason.SCALE_DOWN : DecisionReason.ABOVE_TARGET;
      List<InstanceRecord> victims = Victims.choose(healthy, live - want, conf.retirable());
      control.destroy(Victims.ids(victims), reason, live + " live, target " + want + "; destroying "
          + victims.size() + " " + Fleet.describe(victims) + " (" + scale.message() + ")");
    }
    if ((!acted && live == want) || scale.reason() == DecisionReason.COOLDOWN) {
      control.noAction(scale.reason(), scale.message());
    }
    engineState = Fleet.stateOf(healthy, want);
  }

  @Override
  public void reconfigure(EngineControl control, Map<String, Object> engineConf) {
    conf = SensorConfig.parse(engineConf);
  }

  @Override
  public EngineState engineState() {
    return engineState;
  }
}
