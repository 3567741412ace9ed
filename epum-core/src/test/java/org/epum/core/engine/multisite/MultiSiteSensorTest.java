package org.epum.core.engine.multisite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.core.engine.multisite.MultiSiteTestSupport.clouds;
import static org.epum.core.engine.multisite.MultiSiteTestSupport.net;
import static org.epum.core.testing.EngineTestSupport.conf;
import static org.epum.core.testing.EngineTestSupport.series;

import java.util.Map;
import org.epum.core.engine.DecisionReason;
import org.epum.core.testing.EngineHarness;
import org.junit.jupiter.api.Test;

/** Scenario 81: Phantom sensor scaling on the multisite engine. */
class MultiSiteSensorTest {
  @Test
  void scenario81_scalesBetweenMinimumAndMaximumOnAMetric() {
    Map<String, Object> conf = conf("clouds", clouds("hotel", 6), "minimum_vms", 4, "maximum_vms", 6,
        "metric", "something", "sample_function", "Average", "scale_up_threshold", 2, "scale_up_n_vms", 1,
        "scale_down_threshold", 0.5, "scale_down_n_vms", 1, "dtname", "testdt", "instance_type", "m1.small",
        "cooldown_period", 0);
    EngineHarness h = EngineHarness.start(new MultiSiteEngine(), conf).decide();
    assertThat(h.control().launchCount()).isEqualTo(4);

    h.instanceSensor("something", series(1, 3, 5)).decide();
    assertThat(h.control().launchCount()).isEqualTo(5);
    assertThat(h.control().launches().get(4).reason()).isEqualTo(DecisionReason.SCALE_UP);
    h.instanceSensor("something", series(1, 3, 5)).decide();
    assertThat(h.control().launchCount()).isEqualTo(6);
    h.instanceSensor("something", series(1, 3, 5)).decide();
    assertThat(h.control().launchCount()).isEqualTo(6);
    assertThat(h.control().lastNoAction().reason()).isEqualTo(DecisionReason.AT_MAXIMUM);

    h.instanceSensor("something", series(0, 1, 0)).decide();
    assertThat(h.control().destroyCount()).isEqualTo(1);
    assertThat(h.control().destroys().get(0).reason()).isEqualTo(DecisionReason.SCALE_DOWN);
    h.instanceSensor("something", series(0, 1, 0)).decide();
    assertThat(h.control().destroyCount()).isEqualTo(2);
    h.instanceSensor("something", series(0, 1, 0)).decide();
    assertThat(net(h)).isEqualTo(4);
    assertThat(h.control().lastNoAction().reason()).isEqualTo(DecisionReason.AT_MINIMUM);
  }

  @Test
  void scaleUpOverflowsAndScaleDownEmptiesTheLowestRankFirst() {
    Map<String, Object> conf = conf("clouds", clouds("hotel", 2, "sierra", 5), "minimum_vms", 2,
        "maximum_vms", 4, "metric", "load", "scale_up_threshold", 2, "scale_down_threshold", 1, "dtname", "dt");
    EngineHarness h = EngineHarness.start(new MultiSiteEngine(), conf).decide();
    h.instanceSensor("load", 5).decide().instanceSensor("load", 5).decide();
    assertThat(h.healthyAt("hotel")).isEqualTo(2);
    assertThat(h.healthyAt("sierra")).isEqualTo(2);

    h.instanceSensor("load", 0).decide();
    assertThat(h.healthyAt("sierra")).isEqualTo(1);
    assertThat(h.healthyAt("hotel")).isEqualTo(2);
  }
}
