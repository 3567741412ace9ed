package org.epum.core.engine.multisite;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.engine.support.Victims;

/**
 * Where a multisite domain's instances should be: pure computations over the sites in rank order.
 * Growth fills sites in rank order up to their room; shrinking empties the lowest-priority sites
 * first; healthy instances never move just because a better site gained room.
 */
final class SitePlan {
  private SitePlan() {}

  /**
   * One site as this pass sees it.
   *
   * @param cap the most instances it may hold now: min(size, learnt capacity); -1 for no limit
   * @param healthy its healthy live instances
   */
  record Slot(String site, int rank, int cap, List<InstanceRecord> healthy) {
    Slot {
      requireNonNull(site, "site");
      healthy = List.copyOf(healthy);
    }

    int room() {
      return cap < 0 ? Integer.MAX_VALUE : Math.max(0, cap - healthy.size());
    }

    Slot without(List<InstanceRecord> gone) {
      Set<String> ids = Set.copyOf(Victims.ids(gone));
      return new Slot(site, rank, cap, healthy.stream().filter(i -> !ids.contains(i.instanceId())).toList());
    }
  }

  /** How many to launch per site (rank order) and how many found no room. */
  record Growth(Map<Slot, Integer> launches, int unplaced) {}

  /**
   * The configured sites in rank order, then a slot of cap 0 for every other site that still holds
   * healthy instances (a site dropped from {@code clouds}), so that those are shrunk away.
   */
  static List<Slot> slots(List<Cloud> clouds, Function<String, OptionalInt> learnt, List<InstanceRecord> healthy) {
    Map<String, List<InstanceRecord>> bySite = healthy.stream()
        .collect(Collectors.groupingBy(InstanceRecord::site, LinkedHashMap::new, Collectors.toList()));
    List<Slot> slots = new ArrayList<>();
    for (Cloud c : clouds) {
      OptionalInt capacity = learnt.apply(c.site());
      int cap = c.unlimited() ? capacity.orElse(-1) : Math.min(c.size(), capacity.orElse(Integer.MAX_VALUE));
      slots.add(new Slot(c.site(), c.rank(), cap, bySite.getOrDefault(c.site(), List.of())));
      bySite.remove(c.site());
    }
    bySite.forEach((site, instances) -> slots.add(new Slot(site, Integer.MAX_VALUE, 0, instances)));
    return slots;
  }

  /** Per site holding more than its cap, the instances to destroy to bring it down to the cap. */
  static Map<Slot, List<InstanceRecord>> excess(List<Slot> slots) {
    Map<Slot, List<InstanceRecord>> out = new LinkedHashMap<>();
    for (Slot s : slots) {
      if (s.cap() >= 0 && s.healthy().size() > s.cap()) {
        out.put(s, Victims.choose(s.healthy(), s.healthy().size() - s.cap()));
      }
    }
    return out;
  }

  /** Places {@code count} new instances at the best-ranked sites with room. */
  static Growth grow(List<Slot> slots, int count) {
    Map<Slot, Integer> launches = new LinkedHashMap<>();
    int left = count;
    for (Slot s : slots) {
      int n = Math.min(left, s.room());
      if (n > 0) {
        launches.put(s, n);
        left -= n;
      }
    }
    return new Growth(launches, left);
  }

  /** Picks {@code count} instances to destroy, emptying the lowest-priority sites first. */
  static Map<Slot, List<InstanceRecord>> shrink(List<Slot> slots, int count) {
    Map<Slot, List<InstanceRecord>> out = new LinkedHashMap<>();
    int left = count;
    for (int i = slots.size() - 1; i >= 0 && left > 0; i--) {
      Slot s = slots.get(i);
      List<InstanceRecord> victims = Victims.choose(s.healthy(), left);
      if (!victims.isEmpty()) {
        out.put(s, victims);
        left -= victims.size();
      }
    }
    return out;
  }

  static int total(List<Slot> slots) {
    return slots.stream().mapToInt(s -> s.healthy().size()).sum();
  }
}
