package org.epum.core.reactor;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.epum.core.domain.DomainConfig;
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
 * through the store's instance index and read from its cache. A health change is written at once,
 * and appended to the domain's event log; so is a change of the metric a sensor domain scales on
 * (engine_conf.metric, when its sensor_type is heartbeat), because the decider's next pass reads
 * it from the record. The last-heard time and other metrics are written only when the persisted
 * time is older than heartbeat.persist_interval (see {@link HeartbeatSettings}; plus a fixed
 * per-instance spread, see spread()), so a steady stream of OK heartbeats costs almost no store writes.
 *
 * <p>Bad input changes nothing: a missing node_id, a state an agent may not report, too many or
 * non-finite metrics, or an oversized agent address are INVALID_ARGUMENT, checked before any read;
 * an unknown node is NOT_FOUND. Long error texts are truncated (see {@link HeartbeatRules}) and the
 * outcome's note says so. Meters: {@code epum.heartbeats{outcome}} (accepted, ignored, not_found,
 * invalid, failed) and {@code epum.heartbeats.writes}
 * and {@code epum.heartbeats.conflicts}.
 */
public final class HeartbeatIntake {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatIntake.class);
  private static final int MAX_ATTEMPTS = 16;

  static final int MAX_METRICS = 64;
  static final int MAX_METRIC_NAME_CHARS = 128;
  static final int MAX_ADDRESS_CHARS = 256;
  /** Receipt-only (last-heard time) writes allowed to wait on the store at once. */
  static final int MAX_RECEIPT_WRITES = 4;

  private final EpumStore store;
  private final DomainEventLog events;
  private final Clock clock;
  private final HeartbeatSettings settings;
  private final Counter accepted;
  private final Counter ignored;
  private final Counter notFound;
  private final Counter invalid;
  private final Counter failed;
  private final Counter writes;
  private final Counter conflicts;
  private final MeterRegistry meters;
  private final Set<String> persisting = ConcurrentHashMap.newKeySet();

  @Inject
  public HeartbeatIntake(EpumStore store, DomainEventLog events, Clock clock, HeartbeatSettings settings,
      MeterRegistry meters) {
    this.store = requireNonNull(store);
    this.settings = requireNonNull(settings);
    this.meters = requireNonNull(meters);
    this.events = requireNonNull(events);
    this.clock = requireNonNull(clock);
    this.accepted = outcome(meters, "accepted");
    this.ignored = outcome(meters, "ignored");
    this.notFound = outcome(meters, "not_found");
    this.invalid = outcome(meters, "invalid");
    this.failed = outcome(meters, "failed");
    this.writes = Counter.builder("epum.heartbeats.writes").description("heartbeats that cost a store write")
        .register(meters);
    this.conflicts = Counter.builder("epum.heartbeats.conflicts")
        .description("heartbeat writes that lost a compare-and-set to a concurrent write and were retried")
        .register(meters);
  }

  private static Counter outcome(MeterRegistry meters, String outcome) {
    return Counter.builder("epum.heartbeats").description("heartbeats received, by outcome").tag("outcome", outcome)
        .register(meters);
  }

  /**
   * Applies one heartbeat.
   *
   * @throws EpumException INVALID_ARGUMENT for bad input, NOT_FOUND for an unknown node, or the
   *     store's error (STORE_UNAVAILABLE, VERSION_CONFLICT after many retries)
   */
  public HeartbeatOutcome accept(Heartbeat hb) {
    HeartbeatOutcome outcome;
    try {
      outcome = apply(hb);
    } catch (EpumException e) {
      (e.code() == ErrorCode.NOT_FOUND ? notFound : e.code() == ErrorCode.INVALID_ARGUMENT ? invalid : failed)
          .increment();
      throw e;
    } catch (RuntimeException e) {
      failed.increment();
      throw e;
    }
    (outcome.accepted() ? accepted : ignored).increment();
    if (outcome.written()) {
      writes.increment();
    }
    return outcome;
  }

  private HeartbeatOutcome apply(Heartbeat hb) {
    validate(hb);
    DomainKey key = store.domainOfInstance(hb.nodeId()).orElseThrow(() -> unknown(hb.nodeId()));
    var domain = store.domain(key).orElseThrow(() -> unknown(hb.nodeId()));
    var health = HealthSettings.of(domain.value().config());
    String scalingMetric = scalingMetric(domain.value().config());
    if (!health.monitorHealth()) {
      return metricsOnly(key, hb, scalingMetric);
    }
    Duration persistEvery = settings.persistEvery(health.missingTimeout());
    for (int attempt = 1; ; attempt++) {
      var stored = store.instance(key, hb.nodeId()).orElseThrow(() -> unknown(hb.nodeId()));
      Instant now = clock.instant();
      var next = withReceipt(HeartbeatRules.applyHealth(stored.value(), hb, now), hb, now);
      boolean urgentMetric = changed(stored.value(), next, scalingMetric);
      if (!urgentMetric && !needsWrite(stored.value(), next, persistEvery)) {
        return new HeartbeatOutcome(true, HeartbeatRules.trimNote(hb), next.health(), false);
      }
      // Only the last-heard time is due and another heartbeat of this instance is persisting it
      // right now: that write serves this one too (it is at most a write's latency older), and a
      // second one would only lose the compare-and-set.
      // Also, at most a few such writes wait on ZooKeeper at once: when many instances come due
      // together, the rest answer at once and persist on a later heartbeat, instead of every call
      // queueing behind ZooKeeper's write latency.
      boolean receiptOnly = !urgentMetric && receiptOnly(stored.value(), next);
      if (receiptOnly && (persisting.size() >= MAX_RECEIPT_WRITES || !persisting.add(hb.nodeId()))) {
        return new HeartbeatOutcome(true, HeartbeatRules.trimNote(hb), next.health(), false);
      }
      try {
        store.updateInstance(key, next, stored.version(), Fence.NONE);
        recordHealthChange(key, stored.value(), next, hb);
        return new HeartbeatOutcome(true, HeartbeatRules.trimNote(hb), next.health(), true);
      } catch (EpumException e) {
        if (e.code() != ErrorCode.VERSION_CONFLICT || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        conflicts.increment();
      } finally {
        if (receiptOnly) {
          persisting.remove(hb.nodeId());
        }
      }
    }
  }

  /**
   * Monitoring is off: the heartbeat's health is ignored, but a change of the metric the domain
   * scales on is kept, because a sensor engine reading heartbeat metrics (DESIGN §5) works whether
   * or not the domain's health is monitored.
   */
  private HeartbeatOutcome metricsOnly(DomainKey key, Heartbeat hb, String scalingMetric) {
    String note = "health monitoring is off for domain " + key.domainId() + "; heartbeat ignored";
    for (int attempt = 1; ; attempt++) {
      var stored = store.instance(key, hb.nodeId()).orElseThrow(() -> unknown(hb.nodeId()));
      Map<String, Object> sensors = withMetrics(stored.value().sensorData(), hb.metrics());
      var next = stored.value().toBuilder().sensorData(sensors).build();
      if (!changed(stored.value(), next, scalingMetric)) {
        return new HeartbeatOutcome(false, note, stored.value().health(), false);
      }
      try {
        store.updateInstance(key, next, stored.version(), Fence.NONE);
        return new HeartbeatOutcome(false, note + " (its metrics were kept)", stored.value().health(), true);
      } catch (EpumException e) {
        if (e.code() != ErrorCode.VERSION_CONFLICT || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        conflicts.increment();
      }
    }
  }

  /** The heartbeat metric the domain's sensor engine scales on, or null if none. */
  private static String scalingMetric(DomainConfig config) {
    Map<String, Object> conf = config.section(DomainConfig.ENGINE_CONF);
    Object source = conf.getOrDefault("sensor_type", "heartbeat");
    Object metric = conf.get("metric");
    return "heartbeat".equals(String.valueOf(source)) && metric != null ? String.valueOf(metric) : null;
  }

  private static boolean changed(InstanceRecord stored, InstanceRecord next, String metric) {
    return metric != null && !Objects.equals(stored.sensorData().get(metric), next.sensorData().get(metric));
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
    // The same meter as the doctor's transitions: health changes by target state, whoever made them.
    Counter.builder("epum.health.transitions").tag("to", current.health().name()).register(meters).increment();
    try {
      events.append(key, List.of(DomainEvent.of(clock.instant(), new EventBody.HealthChange(current.instanceId(),
          previous.health(), current.health(), "heartbeat " + hb.state()))), Fence.NONE);
    } catch (EpumException e) {
      log.warn("domain={} instance={} health change {} -> {} not logged: {}", key, current.instanceId(),
          previous.health(), current.health(), e.getMessage());
    }
  }

  /** Nothing but receipt fields (last-heard time, sensor data) changed. */
  private static boolean receiptOnly(InstanceRecord stored, InstanceRecord next) {
    return stored.health() == next.health() && stored.errors().equals(next.errors())
        && stored.agentAddress().equals(next.agentAddress()) && Objects.equals(stored.errorTime(), next.errorTime())
        && stored.state().isBelow(InstanceState.TERMINATING);
  }

  private static void validate(Heartbeat hb) {
    if (hb.nodeId().isEmpty()) {
      throw EpumException.invalidArgument("heartbeat has no node_id; send the node_id EPUM gave in the launch vars");
    }
    if (hb.state() == null) {
      throw EpumException.invalidArgument("heartbeat state is missing or unknown; send OK, MONITOR_ERROR or "
          + "PROCESS_ERROR");
    }
    if (hb.state() != HealthState.OK && hb.state() != HealthState.MONITOR_ERROR
        && hb.state() != HealthState.PROCESS_ERROR) {
      throw EpumException.invalidArgument("heartbeat state " + hb.state()
          + " is not one an agent may report; send OK, MONITOR_ERROR or PROCESS_ERROR");
    }
    if (hb.metrics().size() > MAX_METRICS) {
      throw EpumException.invalidArgument("heartbeat has " + hb.metrics().size() + " metrics; send at most "
          + MAX_METRICS);
    }
    for (Map.Entry<String, Double> m : hb.metrics().entrySet()) {
      if (m.getKey().isEmpty() || m.getKey().length() > MAX_METRIC_NAME_CHARS) {
        throw EpumException.invalidArgument("metric names must be 1-" + MAX_METRIC_NAME_CHARS + " characters, got "
            + m.getKey().length());
      }
      if (!Double.isFinite(m.getValue())) {
        throw EpumException.invalidArgument("metric " + m.getKey() + " is " + m.getValue()
            + "; send finite numbers only");
      }
    }
    if (hb.agentAddress().length() > MAX_ADDRESS_CHARS) {
      throw EpumException.invalidArgument("agent_address is " + hb.agentAddress().length()
          + " characters; send host:port (at most " + MAX_ADDRESS_CHARS + ")");
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
   * Health, errors or agent address changed, or the persisted last-heard time is getting old. A
   * heartbeat from a terminating or terminated instance is always written: it is rare, and the
   * doctor needs its exact time to tell a zombie.
   */
  private static boolean needsWrite(InstanceRecord stored, InstanceRecord next, Duration persistEvery) {
    if (stored.health() != next.health() || !stored.errors().equals(next.errors())
        || !stored.agentAddress().equals(next.agentAddress())
        || stored.state().isAtLeast(InstanceState.TERMINATING)) {
      return true;
    }
    Instant last = stored.lastHeartbeat();
    Duration due = persistEvery.plus(spread(stored, persistEvery));
    return last == null || !next.lastHeartbeat().isBefore(last.plus(due))
        || !Objects.equals(stored.errorTime(), next.errorTime());
  }

  /**
   * A fixed per-instance delay of up to a quarter of the persist interval on top of it, so
   * instances first heard together (a server restart, a mass launch) do not all persist in the
   * same instant forever after: their writes drift apart instead of arriving as a wave. Never
   * shortens the interval, so "at most once per persist interval" still holds.
   */
  private static Duration spread(InstanceRecord stored, Duration persistEvery) {
    long step = persistEvery.toNanos() / 4 / 1024;
    return Duration.ofNanos(step * Math.floorMod(stored.instanceId().hashCode(), 1024));
  }

  private static EpumException unknown(String nodeId) {
    String shown = nodeId.length() > 80 ? nodeId.substring(0, 80) + "..." : nodeId;
    return EpumException.notFound("no instance " + shown + " is known to EPUM; check the agent's node_id");
  }
}
