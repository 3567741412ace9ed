package org.epum.core.reactor;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.HealthSettings;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.events.DomainEvent;
import org.epum.core.events.DomainEventLog;
import org.epum.core.events.EventBody;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns agents' heartbeats into health (the reactor's side of Heartbeats). The instance is found
 * through the store's instance index and read from its cache. A health or metrics change is written
 * at once; the last-heard time only when it is older than a quarter of the domain's missing_timeout,
 * so a steady stream of OK heartbeats costs almost no store writes. A health change is also
 * appended to the domain's event log.
 */
public final class HeartbeatIntake {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatIntake.class);
  private static final int MAX_ATTEMPTS = 16;

  private final EpumStore store;
  private final DomainEventLog events;
  private final Clock clock;

  @Inject
  public HeartbeatIntake(EpumStore store, DomainEventLog events, Clock clock) {
    this.store = requireNonNull(store);
    this.events = requireNonNull(events);
    this.clock = requireNonNull(clock);
  }

  public HeartbeatOutcome accept(Heartbeat hb) {
    if (hb.nodeId().isEmpty()) {
      throw EpumException.invalidArgument("heartbeat has no node_id; send the node_id EPUM gave in the launch vars");
    }
    if (hb.state() != HealthState.OK && hb.state() != HealthState.MONITOR_ERROR
        && hb.state() != HealthState.PROCESS_ERROR) {
      throw EpumException.invalidArgument("heartbeat state " + hb.state()
          + " is not one an agent may report; send OK, MONITOR_ERROR or PROCESS_ERROR");
    }
    DomainKey key = store.domainOfInstance(hb.nodeId()).orElseThrow(() -> unknown(hb.nodeId()));
    var domain = store.domain(key).orElseThrow(() -> unknown(hb.nodeId()));
    var health = HealthSettings.of(domain.value().config());
    if (!health.monitorHealth()) {
      return metricsOnly(key, hb);
    }
    Duration persistEvery = health.missingTimeout().dividedBy(4);
    for (int attempt = 1; ; attempt++) {
      var stored = store.instance(key, hb.nodeId()).orElseThrow(() -> unknown(hb.nodeId()));
      Instant now = clock.instant();
      var next = withReceipt(HeartbeatRules.applyHealth(stored.value(), hb, now), hb, now);
      if (!needsWrite(stored.value(), next, persistEvery)) {
        return new HeartbeatOutcome(true, "", next.health(), false);
      }
      try {
        store.updateInstance(key, next, stored.version(), Fence.NONE);
        recordHealthChange(key, stored.value(), next, hb);
        return new HeartbeatOutcome(true, "", next.health(), true);
      } catch (EpumException e) {
        if (e.code() != ErrorCode.VERSION_CONFLICT || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Monitoring is off: the heartbeat's health is ignored, but changed metrics are kept, because a
   * sensor engine reading heartbeat metrics (DESIGN §5, sensor_type heartbeat) works whether or
   * not the domain's health is monitored.
   */
  private HeartbeatOutcome metricsOnly(DomainKey key, Heartbeat hb) {
    String note = "health monitoring is off for domain " + key.domainId() + "; heartbeat ignored";
    for (int attempt = 1; ; attempt++) {
      var stored = store.instance(key, hb.nodeId()).orElseThrow(() -> unknown(hb.nodeId()));
      Map<String, Object> sensors = withMetrics(stored.value().sensorData(), hb.metrics());
      if (sensors.equals(stored.value().sensorData())) {
        return new HeartbeatOutcome(false, note, stored.value().health(), false);
      }
      try {
        store.updateInstance(key, stored.value().toBuilder().sensorData(sensors).build(), stored.version(), Fence.NONE);
        return new HeartbeatOutcome(false, note + " (its metrics were kept)", stored.value().health(), true);
      } catch (EpumException e) {
        if (e.code() != ErrorCode.VERSION_CONFLICT || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static Map<String, Object> withMetrics(Map<String, Object> sensorData, Map<String, Double> metrics) {
    if (metrics.isEmpty()) {
      return sensorData;
    }
    Map<String, Object> sensors = new LinkedHashMap<>(sensorData);
    sensors.putAll(metrics);
    return sensors;
  }

  /** The event log is a record, not the truth: failing to append never fails the heartbeat. */
  private void recordHealthChange(DomainKey key, InstanceRecord previous, InstanceRecord current, Heartbeat hb) {
    if (previous.health() == current.health()) {
      return;
    }
    try {
      events.append(key, List.of(DomainEvent.of(clock.instant(), new EventBody.HealthChange(current.instanceId(),
          previous.health(), current.health(), "heartbeat " + hb.state()))), Fence.NONE);
    } catch (EpumException e) {
      log.warn("domain={} instance={} health change {} -> {} not logged: {}", key, current.instanceId(),
          previous.health(), current.health(), e.getMessage());
    }
  }

  private static InstanceRecord withReceipt(InstanceRecord record, Heartbeat hb, Instant now) {
    var next = record.toBuilder().lastHeartbeat(now);
    if (!hb.agentAddress().isEmpty()) {
      next.agentAddress(hb.agentAddress());
    }
    if (!hb.metrics().isEmpty()) {
      next.sensorData(withMetrics(record.sensorData(), hb.metrics()));
    }
    return next.build();
  }

  /**
   * Health, errors, agent address or metrics changed, or the persisted last-heard time is getting
   * old. Changed metrics are written at once because a sensor engine's next decision reads them
   * from the record; unchanged ones cost nothing. A heartbeat from a terminating or terminated
   * instance is always written: it is rare, and the doctor needs its exact time to tell a zombie.
   */
  private static boolean needsWrite(InstanceRecord stored, InstanceRecord next, Duration persistEvery) {
    if (stored.health() != next.health() || !stored.errors().equals(next.errors())
        || !stored.agentAddress().equals(next.agentAddress())
        || !stored.sensorData().equals(next.sensorData())
        || stored.state().isAtLeast(InstanceState.TERMINATING)) {
      return true;
    }
    Instant last = stored.lastHeartbeat();
    return last == null || !next.lastHeartbeat().isBefore(last.plus(persistEvery))
        || !Objects.equals(stored.errorTime(), next.errorTime());
  }

  private static EpumException unknown(String nodeId) {
    return EpumException.notFound("no instance " + nodeId + " is known to EPUM; check the agent's node_id");
  }
}
