package org.epum.core.engine.support;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;

/**
 * Which instances to destroy when a domain shrinks. Deterministic (the original chose at random):
 * instances the owner marked retirable first, then those still pending before RUNNING ones (they
 * have cost the least and serve nothing yet), newest first within each group, ties broken by id.
 */
public final class Victims {
  private Victims() {}

  /** The first {@code count} of {@code candidates} in destroy order; fewer when there are fewer. */
  public static List<InstanceRecord> choose(Collection<InstanceRecord> candidates, int count,
      Collection<String> retirableFirst) {
    Comparator<InstanceRecord> order = Comparator
        .comparing((InstanceRecord i) -> !retirableFirst.contains(i.instanceId()))
        .thenComparing(i -> !i.state().isBelow(InstanceState.RUNNING))
        .thenComparing(InstanceRecord::stateTime, Comparator.reverseOrder())
        .thenComparing(InstanceRecord::instanceId, Comparator.reverseOrder());
    return candidates.stream().sorted(order).limit(Math.max(0, count)).toList();
  }

  public static List<InstanceRecord> choose(Collection<InstanceRecord> candidates, int count) {
    return choose(candidates, count, List.of());
  }

  public static List<String> ids(Collection<InstanceRecord> instances) {
    return instances.stream().map(InstanceRecord::instanceId).toList();
  }
}
