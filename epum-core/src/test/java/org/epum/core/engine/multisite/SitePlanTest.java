package org.epum.core.engine.multisite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.core.testing.EngineTestSupport.instance;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.multisite.SitePlan.Slot;
import org.junit.jupiter.api.Test;

class SitePlanTest {
  private static List<InstanceRecord> at(String site, int n) {
    return IntStream.range(0, n).mapToObj(i -> instance(site + "-" + i, InstanceState.RUNNING).site(site).build())
        .toList();
  }

  @Test
  void slotsCapSitesByTheLearntCapacityAndAppendUnknownSitesWithNoRoom() {
    List<Cloud> clouds = List.of(new Cloud("hotel", 10, 1), new Cloud("sierra", -1, 2), new Cloud("foxtrot", -1, 3));
    Map<String, OptionalInt> learnt = Map.of("hotel", OptionalInt.of(4), "foxtrot", OptionalInt.of(2));
    List<InstanceRecord> healthy = new java.util.ArrayList<>(at("hotel", 2));
    healthy.addAll(at("gone", 1));

    List<Slot> slots = SitePlan.slots(clouds, s -> learnt.getOrDefault(s, OptionalInt.empty()), healthy);

    assertThat(slots).extracting(Slot::site).containsExactly("hotel", "sierra", "foxtrot", "gone");
    assertThat(slots).extracting(Slot::cap).containsExactly(4, -1, 2, 0);
    assertThat(slots.get(0).room()).isEqualTo(2);
    assertThat(slots.get(1).room()).isEqualTo(Integer.MAX_VALUE);
    assertThat(SitePlan.excess(slots)).containsOnlyKeys(slots.get(3));
  }

  @Test
  void growFillsByRankAndReportsWhatFoundNoRoom() {
    List<Slot> slots = List.of(new Slot("hotel", 1, 4, at("hotel", 3)), new Slot("sierra", 2, 2, List.of()));
    SitePlan.Growth g = SitePlan.grow(slots, 5);
    assertThat(g.launches()).containsExactly(Map.entry(slots.get(0), 1), Map.entry(slots.get(1), 2));
    assertThat(g.unplaced()).isEqualTo(2);
  }

  @Test
  void shrinkEmptiesTheLowestRankFirst() {
    List<Slot> slots = List.of(new Slot("hotel", 1, 8, at("hotel", 8)), new Slot("sierra", 2, 4, at("sierra", 4)),
        new Slot("foxtrot", 3, 2, at("foxtrot", 2)));
    Map<Slot, List<InstanceRecord>> victims = SitePlan.shrink(slots, 4);
    assertThat(victims.get(slots.get(2))).hasSize(2);
    assertThat(victims.get(slots.get(1))).hasSize(2);
    assertThat(victims).doesNotContainKey(slots.get(0));
  }
}
