package org.epum.core.engine.multisite;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.DomainSnapshot;

/**
 * Learns how many instances a site can really hold from its launch failures: an instance at the
 * site that ended FAILED or REJECTED without ever having been seen RUNNING (and without ever
 * having sent a heartbeat) is one launch failure, counted once. Once a site has at least
 * {@link #FAILURE_THRESHOLD} of them, each new failure sets its learnt capacity to the healthy
 * instances it holds at that moment, so further launches overflow to the next site.
 *
 * <p>This is learnt state: a new leader's fresh engine starts over, seeing only the failed records
 * not yet reaped. A learnt capacity is kept until the engine is recreated. Not thread-safe.
 */
final class CapacityTracker {
  static final int FAILURE_THRESHOLD = 32;

  private static final Set<InstanceState> RAN = EnumSet.of(InstanceState.RUNNING, InstanceState.RUNNING_FAILED);
  private static final Set<InstanceState> LAUNCH_FAILED = EnumSet.of(InstanceState.FAILED, InstanceState.REJECTED);

  private final Map<String, SiteHistory> sites = new HashMap<>();

  private static final class SiteHistory {
    final Set<String> seenRunning = new HashSet<>();
    final Set<String> counted = new HashSet<>();
    int failures;
    Integer capacity;
  }

  /** Counts the snapshot's new launch failures and updates the learnt capacities. */
  void observe(DomainSnapshot state) {
    Map<String, Long> healthyBySite = state.healthy().stream()
        .collect(Collectors.groupingBy(InstanceRecord::site, Collectors.counting()));
    Map<String, List<InstanceRecord>> bySite = state.all().stream()
        .collect(Collectors.groupingBy(InstanceRecord::site));
    bySite.forEach((site, instances) -> {
      SiteHistory h = sites.computeIfAbsent(site, s -> new SiteHistory());
      boolean newFailure = false;
      for (InstanceRecord i : instances) {
        if (RAN.contains(i.state()) || i.lastHeartbeat() != null) {
          h.seenRunning.add(i.instanceId());
        } else if (LAUNCH_FAILED.contains(i.state()) && !h.seenRunning.contains(i.instanceId())
            && h.counted.add(i.instanceId())) {
          h.failures++;
          newFailure = true;
        }
      }
      if (newFailure && h.failures >= FAILURE_THRESHOLD) {
        h.capacity = healthyBySite.getOrDefault(site, 0L).intValue();
      }
      // Reaped records never come back, so ids no longer in the snapshot can be forgotten.
      Set<String> present = instances.stream().map(InstanceRecord::instanceId).collect(Collectors.toSet());
      h.seenRunning.retainAll(present);
      h.counted.retainAll(present);
    });
    sites.forEach((site, h) -> {
      if (!bySite.containsKey(site)) {
        h.seenRunning.clear();
        h.counted.clear();
      }
    });
  }

  /** The site's learnt capacity; empty while it has not been learnt. */
  OptionalInt capacity(String site) {
    SiteHistory h = sites.get(site);
    return h == null || h.capacity == null ? OptionalInt.empty() : OptionalInt.of(h.capacity);
  }

  /** Launch failures counted at the site so far. */
  int failures(String site) {
    SiteHistory h = sites.get(site);
    return h == null ? 0 : h.failures;
  }
}
