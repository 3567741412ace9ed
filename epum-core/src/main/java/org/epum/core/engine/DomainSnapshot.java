package org.epum.core.engine;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;

/**
 * What an engine sees of its domain in one pass: the instances (sorted by state time, then id),
 * domain-level sensor data, and the pass's clock reading. Immutable.
 *
 * <p>Classification (DESIGN §2, with the original's bugs fixed):
 * <ul>
 *   <li><b>live</b>: REQUESTING, REQUESTED, PENDING, STARTED, RUNNING or RUNNING_FAILED (ERROR_RETRYING
 *       and REJECTED are not live, so they get replaced);</li>
 *   <li><b>unhealthy</b>: RUNNING_FAILED; or health MISSING, MONITOR_ERROR or PROCESS_ERROR while below
 *       TERMINATED; or health ZOMBIE at any state;</li>
 *   <li><b>healthy</b>: live and not unhealthy;</li>
 *   <li><b>pending</b>: live and below RUNNING.</li>
 * </ul>
 */
public final class DomainSnapshot {
  private static final Set<InstanceState> LIVE = EnumSet.of(InstanceState.REQUESTING, InstanceState.REQUESTED,
      InstanceState.PENDING, InstanceState.STARTED, InstanceState.RUNNING, InstanceState.RUNNING_FAILED);
  private static final Set<HealthState> UNHEALTHY_WHILE_UP = EnumSet.of(HealthState.MISSING,
      HealthState.MONITOR_ERROR, HealthState.PROCESS_ERROR);
  private static final Comparator<InstanceRecord> ORDER = Comparator.comparing(InstanceRecord::stateTime)
      .thenComparing(InstanceRecord::instanceId);

  private final DomainKey key;
  private final List<InstanceRecord> instances;
  private final Map<String, Object> sensorData;
  private final Instant now;

  public DomainSnapshot(DomainKey key, List<InstanceRecord> instances, Map<String, Object> sensorData, Instant now) {
    this.key = requireNonNull(key);
    this.instances = instances.stream().sorted(ORDER).toList();
    this.sensorData = sensorData == null ? Map.of() : Map.copyOf(sensorData);
    this.now = requireNonNull(now);
  }

  public DomainKey key() {
    return key;
  }

  public Instant now() {
    return now;
  }

  /** Every instance record of the domain, including terminated ones not yet reaped. */
  public List<InstanceRecord> all() {
    return instances;
  }

  public List<InstanceRecord> live() {
    return instances.stream().filter(DomainSnapshot::isLive).toList();
  }

  public List<InstanceRecord> unhealthy() {
    return instances.stream().filter(DomainSnapshot::isUnhealthy).toList();
  }

  public List<InstanceRecord> healthy() {
    return instances.stream().filter(i -> isLive(i) && !isUnhealthy(i)).toList();
  }

  public List<InstanceRecord> pending() {
    return instances.stream().filter(i -> isLive(i) && i.state().isBelow(InstanceState.RUNNING)).toList();
  }

  public List<InstanceRecord> inState(InstanceState state) {
    return instances.stream().filter(i -> i.state() == state).toList();
  }

  /** Domain-level sensor data (e.g. a queue length), by metric name. */
  public Map<String, Object> sensorData() {
    return sensorData;
  }

  public static boolean isLive(InstanceRecord i) {
    return LIVE.contains(i.state());
  }

  public static boolean isUnhealthy(InstanceRecord i) {
    return i.state() == InstanceState.RUNNING_FAILED
        || (UNHEALTHY_WHILE_UP.contains(i.health()) && i.state().isBelow(InstanceState.TERMINATED))
        || i.health() == HealthState.ZOMBIE;
  }
}
