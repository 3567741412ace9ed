package org.epum.core.engine.multisite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.core.engine.multisite.MultiSiteTestSupport.clouds;
import static org.epum.core.engine.multisite.MultiSiteTestSupport.launchesAt;
import static org.epum.core.engine.multisite.MultiSiteTestSupport.multisite;
import static org.epum.core.engine.multisite.MultiSiteTestSupport.net;
import static org.epum.core.engine.multisite.MultiSiteTestSupport.start;

import org.epum.core.domain.EngineState;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.DecisionReason;
import org.epum.core.engine.LaunchRequest;
import org.epum.core.testing.EngineHarness;
import org.junit.jupiter.api.Test;

/** Scenarios 65-76 and 80 at engine level. */
class MultiSiteEngineTest {
  @Test
  void scenario65_singleCloudStart() {
    EngineHarness h = start(4, clouds("hotel", 4)).decide();
    assertThat(h.control().launchCount()).isEqualTo(4);
    assertThat(launchesAt(h, "hotel")).isEqualTo(4);
    assertThat(h.control().launches().get(0).request()).isEqualTo(new LaunchRequest("testdt", "hotel", "m1.small", null));
  }

  @Test
  void scenario66_twoCloudsSplit() {
    EngineHarness h = start(4, clouds("hotel", 2, "sierra", 2)).decide();
    assertThat(launchesAt(h, "hotel")).isEqualTo(2);
    assertThat(launchesAt(h, "sierra")).isEqualTo(2);
    assertThat(h.control().launchCount()).isEqualTo(4);
  }

  @Test
  void scenario67_preferredCloudFirst() {
    EngineHarness h = start(4, clouds("hotel", 4, "sierra", 4, "foxtrot", 4)).decide();
    assertThat(launchesAt(h, "hotel")).isEqualTo(4);
    assertThat(h.control().launchCount()).isEqualTo(4);
  }

  @Test
  void scenario68_unlimitedSize() {
    EngineHarness h = start(4, clouds("hotel", -1, "sierra", -1, "foxtrot", -1)).decide();
    assertThat(launchesAt(h, "hotel")).isEqualTo(4);
    assertThat(h.control().launchCount()).isEqualTo(4);
  }

  @Test
  void scenario69_pendingCountsAsHealthy() {
    EngineHarness h = start(2, clouds("hotel", 2)).decide();
    h.markAll(i -> true, InstanceState.PENDING).decide();
    assertThat(h.control().launchCount()).isEqualTo(2);
    assertThat(h.engineState()).isEqualTo(EngineState.PENDING);

    h.markAll(i -> true, InstanceState.RUNNING).decide();
    assertThat(h.engineState()).isEqualTo(EngineState.STABLE);
    assertThat(h.control().lastNoAction().reason()).isEqualTo(DecisionReason.AT_TARGET);
  }

  @Test
  void scenario70_failedNodeReplaced() {
    EngineHarness h = start(4, clouds("hotel", 4)).decide();
    h.mark("i-0003", InstanceState.FAILED).decide();
    assertThat(h.control().launchCount()).isEqualTo(5);
    assertThat(h.control().destroyCount()).isZero();
  }

  @Test
  void scenario71_growViaReconfigure() {
    EngineHarness h = start(4, clouds("hotel", 4)).decide();
    h.reconfigure(multisite(6, clouds("hotel", 6))).decide();
    assertThat(h.control().launchCount()).isEqualTo(6);
  }

  @Test
  void scenario72_shrinkSiteAndTarget() {
    EngineHarness h = start(4, clouds("hotel", 4)).decide();
    h.reconfigure(multisite(2, clouds("hotel", 2))).decide();
    assertThat(net(h)).isEqualTo(2);
    assertThat(h.healthyAt("hotel")).isEqualTo(2);
  }

  @Test
  void scenario73_shrinkSiteOnlyTheSiteCapWins() {
    EngineHarness h = start(4, clouds("hotel", 4)).decide();
    h.reconfigure(multisite(4, clouds("hotel", 2))).decide();
    assertThat(net(h)).isEqualTo(2);
    assertThat(h.control().lastNoAction().reason()).isEqualTo(DecisionReason.SITE_AT_CAPACITY);
    assertThat(h.engineState()).isEqualTo(EngineState.PENDING);

    h.decide();
    assertThat(net(h)).isEqualTo(2);
  }

  @Test
  void scenario74_shrinkTargetOnly() {
    EngineHarness h = start(4, clouds("hotel", 4)).decide();
    h.reconfigure(multisite(2, clouds("hotel", 4))).decide();
    assertThat(net(h)).isEqualTo(2);
  }

  @Test
  void scenario75_overflowOnGrowth() {
    EngineHarness h = start(3, clouds("hotel", 4, "sierra", 2)).decide();
    assertThat(launchesAt(h, "hotel")).isEqualTo(3);
    assertThat(launchesAt(h, "sierra")).isZero();

    h.reconfigure(multisite(5, clouds("hotel", 4, "sierra", 2))).decide();
    assertThat(h.control().launchCount()).isEqualTo(5);
    assertThat(launchesAt(h, "hotel")).isEqualTo(4);
    assertThat(launchesAt(h, "sierra")).isEqualTo(1);

    h.reconfigure(multisite(16, clouds("hotel", 4, "sierra", 2))).decide();
    assertThat(h.control().launchCount()).isEqualTo(6);
    assertThat(launchesAt(h, "hotel")).isEqualTo(4);
    assertThat(launchesAt(h, "sierra")).isEqualTo(2);
  }

  @Test
  void scenario76_onlyReplacementsGoToTheBetterSite() {
    EngineHarness h = start(6, clouds("hotel", 4, "sierra", 2)).decide();
    assertThat(launchesAt(h, "hotel")).isEqualTo(4);
    assertThat(launchesAt(h, "sierra")).isEqualTo(2);

    h.reconfigure(multisite(6, clouds("hotel", 9, "sierra", 2))).decide();
    assertThat(h.control().launchCount()).isEqualTo(6);
    assertThat(h.control().destroyCount()).isZero();

    String sierra = h.healthy().stream().filter(i -> i.site().equals("sierra")).findFirst().orElseThrow()
        .instanceId();
    h.mark(sierra, InstanceState.FAILED).decide();
    assertThat(h.healthy()).hasSize(6);
    assertThat(h.healthyAt("hotel")).isEqualTo(5);
    assertThat(h.healthyAt("sierra")).isEqualTo(1);
  }

  @Test
  void scenario80_shrinkFromTheLowestPrioritySite() {
    EngineHarness h = start(14, clouds("hotel", 8, "sierra", 4, "foxtrot", 2)).decide();
    assertThat(h.control().launchCount()).isEqualTo(14);

    h.reconfigure(multisite(10, clouds("hotel", 8, "sierra", 4, "foxtrot", 2))).decide();
    assertThat(net(h)).isEqualTo(10);
    assertThat(h.healthyAt("foxtrot")).isZero();
    assertThat(h.healthyAt("sierra")).isEqualTo(2);
    assertThat(h.healthyAt("hotel")).isEqualTo(8);
  }

  @Test
  void unhealthyInstancesAreDestroyedAndReplacedAtTheBestSite() {
    EngineHarness h = start(2, clouds("hotel", 1, "sierra", 1)).decide();
    h.markAll(i -> true, InstanceState.RUNNING).mark("i-0001", InstanceState.RUNNING_FAILED).decide();
    assertThat(h.control().destroyedIds()).containsExactly("i-0001");
    assertThat(h.control().launches().get(2).request().site()).isEqualTo("hotel");
  }

  @Test
  void aSiteDroppedFromCloudsIsEmptiedAndItsInstancesReplaced() {
    EngineHarness h = start(2, clouds("hotel", 1, "sierra", 1)).decide();
    h.reconfigure(multisite(2, clouds("hotel", 1, "foxtrot", 5))).decide();
    assertThat(h.healthyAt("sierra")).isZero();
    assertThat(h.healthyAt("foxtrot")).isEqualTo(1);
    assertThat(h.healthy()).hasSize(2);
  }
}
