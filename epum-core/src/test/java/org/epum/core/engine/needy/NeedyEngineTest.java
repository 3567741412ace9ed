package org.epum.core.engine.needy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.core.testing.EngineTestSupport.conf;

import java.util.List;
import java.util.Map;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.DecisionReason;
import org.epum.core.engine.LaunchRequest;
import org.epum.core.testing.EngineHarness;
import org.epum.core.testing.RecordingEngineControl.Launch;
import org.junit.jupiter.api.Test;

/** Scenarios 56-61 at engine level. */
class NeedyEngineTest {
  private static EngineHarness needy(Object... keysAndValues) {
    return EngineHarness.start(new NeedyEngine(), conf(keysAndValues));
  }

  private static List<Map<String, Object>> extravars(EngineHarness h) {
    return h.control().launches().stream().map(l -> l.request().extravars()).toList();
  }

  @Test
  void scenario56_basicAndReconfigureUp() {
    EngineHarness h = needy("preserve_n", 1).decide();
    assertThat(h.control().launchCount()).isEqualTo(1);

    h.reconfigure(conf("preserve_n", 2)).decide();
    assertThat(h.control().launchCount()).isEqualTo(2);
  }

  @Test
  void defaultsToNothingAndTheSimplestLaunchFields() {
    EngineHarness h = needy().decide();
    assertThat(h.control().launchCount()).isZero();
    assertThat(h.control().lastNoAction().reason()).isEqualTo(DecisionReason.AT_TARGET);

    h.reconfigure(conf("preserve_n", 1)).decide();
    assertThat(h.control().launches().get(0).request())
        .isEqualTo(new LaunchRequest("epu_work_consumer", "ec2-east", "small", null));
  }

  @Test
  void launchesFromItsOwnKeys() {
    EngineHarness h = needy("preserve_n", 1, "deployable_type", "dt", "iaas_site", "chicago",
        "iaas_allocation", "big").decide();
    assertThat(h.control().launches().get(0).request()).isEqualTo(new LaunchRequest("dt", "chicago", "big", null));
  }

  @Test
  void scenario57_uniqueValuesAreHandedOutInOrderAndReused() {
    EngineHarness h = needy("preserve_n", 2, "unique_key", "somekey", "unique_values", List.of(1, 2, 3)).decide();
    assertThat(extravars(h)).containsExactly(Map.of("somekey", 1L), Map.of("somekey", 2L));

    h.mark("i-0001", InstanceState.FAILED).decide();
    assertThat(extravars(h)).hasSize(3);
    assertThat(extravars(h).get(2)).isEqualTo(Map.of("somekey", 1L));
    assertThat(h.get("i-0002").extravars()).isEqualTo(Map.of("somekey", 2L));
  }

  @Test
  void scenario58_runningOutOfUniquesLaunchesNothingMore() {
    EngineHarness h = needy("preserve_n", 2, "unique_key", "somekey", "unique_values", List.of(1)).decide();
    assertThat(extravars(h)).containsExactly(Map.of("somekey", 1L));
    assertThat(h.control().lastNoAction().reason()).isEqualTo(DecisionReason.BELOW_TARGET);
    assertThat(h.control().lastNoAction().message()).contains("unique_values");

    h.mark("i-0001", InstanceState.FAILED).decide();
    assertThat(extravars(h)).containsExactly(Map.of("somekey", 1L), Map.of("somekey", 1L));

    h.decide();
    assertThat(h.control().launchCount()).isEqualTo(2);
  }

  @Test
  void scenario59_commaSeparatedValuesAreTrimmed() {
    EngineHarness h = needy("preserve_n", 2, "unique_key", "somekey", "unique_values", "a, b,c ").decide();
    assertThat(extravars(h)).containsExactly(Map.of("somekey", "a"), Map.of("somekey", "b"));

    h.mark("i-0001", InstanceState.FAILED).decide();
    assertThat(extravars(h).get(2)).isEqualTo(Map.of("somekey", "a"));
  }

  @Test
  void scenario60_emptyOrBlankValuesMeanNoUniques() {
    for (String values : List.of("", " ")) {
      EngineHarness h = needy("preserve_n", 1, "unique_key", "somekey", "unique_values", values).decide();
      assertThat(h.control().launches()).extracting(Launch::request).extracting(LaunchRequest::extravars)
          .containsExactly(Map.of());
    }
  }

  @Test
  void scenario61_retirableNodesAreDestroyedFirst() {
    EngineHarness h = needy("preserve_n", 3).decide();
    h.markAll(i -> true, InstanceState.RUNNING);

    h.reconfigure(conf("preserve_n", 2, "retirable_nodes", List.of("i-0002"))).decide();

    assertThat(h.control().destroyedIds()).containsExactly("i-0002");
    assertThat(h.control().launchCount()).isEqualTo(3);
  }

  @Test
  void failedInstancesAreReplacedNotDestroyed() {
    EngineHarness h = needy("preserve_n", 2).decide();
    h.mark("i-0001", InstanceState.FAILED).mark("i-0002", InstanceState.REJECTED).decide();
    assertThat(h.control().launchCount()).isEqualTo(4);
    assertThat(h.control().destroyCount()).isZero();
  }
}
