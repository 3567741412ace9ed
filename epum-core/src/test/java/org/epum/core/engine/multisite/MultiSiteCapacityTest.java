package org.epum.core.engine.multisite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.core.engine.multisite.MultiSiteTestSupport.clouds;
import static org.epum.core.engine.multisite.MultiSiteTestSupport.multisite;
import static org.epum.core.engine.multisite.MultiSiteTestSupport.start;

import java.time.Instant;
import java.util.List;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.DecisionReason;
import org.epum.core.testing.EngineHarness;
import org.junit.jupiter.api.Test;

/** Scenarios 78 and 79: learning a site's capacity from launch failures. */
class MultiSiteCapacityTest {
  @Test
  void scenario78_capacityIsLearntAfterRepeatedLaunchFailures() {
    EngineHarness h = start(10, clouds("hotel", 10)).decide();
    assertThat(h.healthy()).hasSize(10);

    for (int pass = 0; pass < 100; pass++) {
      h.decide();
      // Fake a capacity of 5: every instance fails except the first five created, which run.
      List<InstanceRecord> created = h.created();
      h.markAll(i -> true, InstanceState.FAILED);
      created.stream().limit(5).forEach(i -> h.mark(i.instanceId(), InstanceState.RUNNING));
    }
    assertThat(h.healthy()).hasSize(5);
    int launches = h.control().launchCount();

    h.decide();
    assertThat(h.healthy()).hasSize(5);
    assertThat(h.control().launchCount()).isEqualTo(launches);
    assertThat(h.control().lastNoAction().reason()).isEqualTo(DecisionReason.SITE_AT_CAPACITY);
    // 5 failures per pass: six passes relaunch 5 each; the seventh (35 failures >= 32) learns capacity 5.
    assertThat(launches).isEqualTo(10 + 5 * 6);

    h.reconfigure(multisite(5, clouds("hotel", 10))).decide();
    assertThat(h.healthy()).hasSize(5);
    assertThat(h.control().destroyCount()).isZero();
  }

  @Test
  void scenario79_launchesOverflowToTheNextSiteOnceCapacityIsLearnt() {
    EngineHarness h = start(10, clouds("hotel", 20, "sierra", 10)).decide();
    assertThat(h.healthyAt("hotel")).isEqualTo(10);

    for (int pass = 0; pass < 100; pass++) {
      h.decide();
      List<InstanceRecord> hotel = h.created().stream().filter(i -> i.site().equals("hotel")).toList();
      hotel.stream().skip(5).forEach(i -> h.mark(i.instanceId(), InstanceState.FAILED));
    }
    h.decide();

    assertThat(h.healthyAt("hotel")).isEqualTo(5);
    assertThat(h.healthyAt("sierra")).isEqualTo(5);
    assertThat(h.healthy()).hasSize(10);
  }

  @Test
  void failuresOfInstancesThatRanOrSentHeartbeatsAreNotLaunchFailures() {
    EngineHarness h = start(1, clouds("hotel", 10, "sierra", 10));
    for (int pass = 0; pass < 40; pass++) {
      h.decide();
      String id = h.created().get(h.created().size() - 1).instanceId();
      if (pass % 2 == 0) {
        h.mark(id, InstanceState.RUNNING).decide().mark(id, InstanceState.FAILED);
      } else {
        h.update(i -> i.instanceId().equals(id),
            i -> i.toBuilder().state(InstanceState.FAILED).lastHeartbeat(Instant.EPOCH).build());
      }
    }
    h.decide();
    assertThat(h.control().launches()).allMatch(l -> l.request().site().equals("hotel"));
  }

  @Test
  void eachFailedInstanceIsCountedOnce() {
    CapacityTracker tracker = new CapacityTracker();
    EngineHarness h = start(40, clouds("hotel", 40)).decide();
    h.markAll(i -> !i.instanceId().equals("i-0040"), InstanceState.FAILED);
    tracker.observe(h.snapshot());
    tracker.observe(h.snapshot());
    assertThat(tracker.failures("hotel")).isEqualTo(39);
    assertThat(tracker.capacity("hotel")).hasValue(1);
    assertThat(tracker.capacity("sierra")).isEmpty();
  }
}
