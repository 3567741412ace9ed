package org.epum.core.engine.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.core.testing.EngineTestSupport.conf;
import static org.epum.core.testing.EngineTestSupport.series;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.epum.core.domain.EngineState;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.DecisionReason;
import org.epum.core.engine.LaunchRequest;
import org.epum.core.testing.EngineHarness;
import org.junit.jupiter.api.Test;

/** Scenarios 62-64 at engine level, and the cooldown fix of DESIGN §5. */
class SensorEngineTest {
  private static final Map<String, Object> UP = series(1, 3, 5);
  private static final Map<String, Object> DOWN = series(0, 1, 0);

  private static Map<String, Object> scaling(Object... extra) {
    Object[] base = {"minimum_vms", 1, "maximum_vms", 3, "metric", "fake", "sample_function", "Average",
        "scale_up_threshold", 2.0, "scale_up_n_vms", 1, "scale_down_threshold", 0.5, "scale_down_n_vms", 1,
        "deployable_type", "dt1", "iaas_site", "site1", "iaas_allocation", "small"};
    Object[] all = new Object[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return conf(all);
  }

  @Test
  void scenario62_thresholdScalingBetweenMinimumAndMaximum() {
    EngineHarness h = EngineHarness.start(new SensorEngine(), scaling()).decide();
    assertThat(h.control().launchCount()).isEqualTo(1);
    assertThat(h.control().launches().get(0).request()).isEqualTo(new LaunchRequest("dt1", "site1", "small", null));

    h.instanceSensor("fake", UP).decide();
    assertThat(h.control().launchCount()).isEqualTo(2);
    assertThat(h.control().launches().get(1).reason()).isEqualTo(DecisionReason.SCALE_UP);
    h.instanceSensor("fake", UP).decide();
    assertThat(h.control().launchCount()).isEqualTo(3);
    h.instanceSensor("fake", UP).decide();
    assertThat(h.control().launchCount()).isEqualTo(3);
    assertThat(h.control().lastNoAction().reason()).isEqualTo(DecisionReason.AT_MAXIMUM);

    h.instanceSensor("fake", DOWN).decide();
    assertThat(h.control().destroyCount()).isEqualTo(1);
    assertThat(h.control().destroys().get(0).reason()).isEqualTo(DecisionReason.SCALE_DOWN);
    h.instanceSensor("fake", DOWN).decide();
    assertThat(h.control().destroyCount()).isEqualTo(2);
    h.instanceSensor("fake", DOWN).decide();
    assertThat(h.control().destroyCount()).isEqualTo(2);
    assertThat(h.control().lastNoAction().reason()).isEqualTo(DecisionReason.AT_MINIMUM);
    assertThat(h.control().launchCount()).isEqualTo(3);
  }

  @Test
  void scenario63_sensorUniques() {
    EngineHarness h = EngineHarness.start(new SensorEngine(), conf("minimum_vms", 2, "maximum_vms", 3,
        "unique_key", "somekey", "unique_values", List.of(1, 2, 3))).decide();
    assertThat(h.control().launches()).extracting(l -> l.request().extravars())
        .containsExactly(Map.of("somekey", 1L), Map.of("somekey", 2L));

    h.mark("i-0001", InstanceState.FAILED).decide();
    assertThat(h.control().launches()).hasSize(3);
    assertThat(h.control().launches().get(2).request().extravars()).isEqualTo(Map.of("somekey", 1L));
  }

  @Test
  void scenario64_cooldownHoldsScalingUntilItHasPassed() {
    EngineHarness h = EngineHarness.start(new SensorEngine(), scaling()).decide();
    h.instanceSensor("fake", UP).decide().instanceSensor("fake", UP).decide();
    h.instanceSensor("fake", DOWN).decide().instanceSensor("fake", DOWN).decide();
    assertThat(h.healthy()).hasSize(1);

    h.reconfigure(scaling("cooldown_period", 100));
    h.advance(Duration.ofSeconds(10));
    h.instanceSensor("fake", UP).decide();
    assertThat(h.healthy()).hasSize(1);
    assertThat(h.control().lastNoAction().reason()).isEqualTo(DecisionReason.COOLDOWN);

    h.reconfigure(scaling("cooldown_period", 10));
    h.instanceSensor("fake", UP).decide();
    assertThat(h.healthy()).hasSize(2);
    h.advance(Duration.ofSeconds(9));
    h.instanceSensor("fake", UP).decide();
    assertThat(h.healthy()).hasSize(2);
    h.advance(Duration.ofSeconds(1));
    h.instanceSensor("fake", UP).decide();
    assertThat(h.healthy()).hasSize(3);
  }

  @Test
  void failedInstancesAreReplacedEvenDuringCooldown() {
    EngineHarness h = EngineHarness.start(new SensorEngine(), scaling("cooldown_period", 600)).decide();
    h.instanceSensor("fake", UP).decide();
    assertThat(h.healthy()).hasSize(2);

    h.mark("i-0002", InstanceState.FAILED).instanceSensor("fake", UP).decide();

    assertThat(h.control().launchCount()).isEqualTo(3);
    assertThat(h.control().launches().get(2).reason()).isEqualTo(DecisionReason.BELOW_TARGET);
    assertThat(h.healthy()).hasSize(2);
    assertThat(h.control().lastNoAction().reason()).isEqualTo(DecisionReason.COOLDOWN);
  }

  @Test
  void minimumAndMaximumAreEnforcedDuringCooldown() {
    EngineHarness h = EngineHarness.start(new SensorEngine(), scaling("cooldown_period", 600)).decide();
    h.instanceSensor("fake", UP).decide();
    h.reconfigure(scaling("cooldown_period", 600, "minimum_vms", 3)).decide();
    assertThat(h.healthy()).hasSize(3);

    h.reconfigure(scaling("cooldown_period", 600, "minimum_vms", 1, "maximum_vms", 1)).decide();
    assertThat(h.healthy()).hasSize(1);
    assertThat(h.control().destroys().get(0).reason()).isEqualTo(DecisionReason.ABOVE_TARGET);
  }

  @Test
  void noDataMeansNoScaling() {
    EngineHarness h = EngineHarness.start(new SensorEngine(), scaling()).decide().decide();
    assertThat(h.control().launchCount()).isEqualTo(1);
    assertThat(h.control().lastNoAction().message()).contains("no sensor data");
  }

  @Test
  void domainDataWinsOverInstanceData() {
    EngineHarness h = EngineHarness.start(new SensorEngine(), scaling()).decide();
    h.instanceSensor("fake", DOWN).domainSensor("fake", series(10, 20)).decide();
    assertThat(h.control().launchCount()).isEqualTo(2);
  }

  @Test
  void instancesWithoutDataDoNotDragTheAverageDown() {
    EngineHarness h = EngineHarness.start(new SensorEngine(), scaling()).decide();
    h.instanceSensor("fake", 3).decide();
    // i-0002 is new and has no data; i-0001 still reads 3, so the domain keeps growing.
    h.decide();
    assertThat(h.control().launchCount()).isEqualTo(3);
  }

  @Test
  void sampleFunctionIsAppliedToEachInstanceSeries() {
    EngineHarness h = EngineHarness.start(new SensorEngine(), scaling("sample_function", "Maximum")).decide();
    h.instanceSensor("fake", series(0, 0, 2.5)).decide();
    assertThat(h.control().launchCount()).isEqualTo(2);
  }

  @Test
  void withoutAMetricTheSizeStaysAtTheMinimum() {
    EngineHarness h = EngineHarness.start(new SensorEngine(), conf("minimum_vms", 2, "maximum_vms", 5)).decide();
    h.markAll(i -> true, InstanceState.RUNNING).decide();
    assertThat(h.control().launchCount()).isEqualTo(2);
    assertThat(h.engineState()).isEqualTo(EngineState.STABLE);
  }
}
