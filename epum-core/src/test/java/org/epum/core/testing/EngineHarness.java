package org.epum.core.testing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.epum.core.domain.EngineState;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.DecisionEngine;
import org.epum.core.engine.DomainSnapshot;
import org.epum.core.time.ManualClock;

/**
 * Drives one engine the way the decider does, without a store: {@link #decide()} runs a pass and
 * plays the recorded launches and destroys onto the snapshot; between passes a test marks
 * instances RUNNING, FAILED, unhealthy, or gives them sensor data, and moves the clock.
 */
public final class EngineHarness {
  private final DecisionEngine engine;
  private final RecordingEngineControl control = new RecordingEngineControl();
  private final ManualClock clock = new ManualClock(EngineTestSupport.T0);
  private DomainSnapshot snapshot = EngineTestSupport.empty();

  private EngineHarness(DecisionEngine engine) {
    this.engine = requireNonNull(engine);
  }

  /** Creates the harness and initializes the engine with {@code conf} against an empty domain. */
  public static EngineHarness start(DecisionEngine engine, Map<String, Object> conf) {
    EngineHarness h = new EngineHarness(engine);
    engine.initialize(h.control, h.snapshot, conf);
    return h;
  }

  /** One decide pass, then the recorded actions are applied to the snapshot. */
  public EngineHarness decide() {
    engine.decide(control, snapshotNow());
    snapshot = control.apply(snapshot, clock.instant());
    return this;
  }

  public EngineHarness decide(int times) {
    for (int i = 0; i < times; i++) {
      decide();
    }
    return this;
  }

  public EngineHarness reconfigure(Map<String, Object> conf) {
    engine.reconfigure(control, conf);
    return this;
  }

  public RecordingEngineControl control() {
    return control;
  }

  public DecisionEngine engine() {
    return engine;
  }

  public EngineState engineState() {
    return engine.engineState();
  }

  public DomainSnapshot snapshot() {
    return snapshotNow();
  }

  public void advance(Duration by) {
    clock.advance(by);
  }

  /** Every instance ever launched, in creation order (the snapshot sorts by state time). */
  public List<InstanceRecord> created() {
    return snapshot.all().stream().sorted((a, b) -> a.instanceId().compareTo(b.instanceId())).toList();
  }

  public InstanceRecord get(String id) {
    return snapshot.all().stream().filter(i -> i.instanceId().equals(id)).findFirst().orElseThrow();
  }

  public List<InstanceRecord> healthy() {
    return snapshotNow().healthy();
  }

  public long healthyAt(String site) {
    return healthy().stream().filter(i -> i.site().equals(site)).count();
  }

  public EngineHarness mark(String id, InstanceState state) {
    return update(i -> i.instanceId().equals(id), i -> i.toBuilder().state(state).build());
  }

  public EngineHarness markAll(Predicate<InstanceRecord> which, InstanceState state) {
    return update(which, i -> i.toBuilder().state(state).build());
  }

  public EngineHarness health(String id, HealthState health) {
    return update(i -> i.instanceId().equals(id), i -> i.toBuilder().health(health).build());
  }

  /** Gives every live instance {@code data} for {@code metric}. */
  public EngineHarness instanceSensor(String metric, Object data) {
    return update(DomainSnapshot::isLive, i -> {
      Map<String, Object> sensors = new HashMap<>(i.sensorData());
      sensors.put(metric, data);
      return i.toBuilder().sensorData(sensors).build();
    });
  }

  public EngineHarness domainSensor(String metric, Object data) {
    Map<String, Object> sensors = new HashMap<>(snapshot.sensorData());
    sensors.put(metric, data);
    snapshot = new DomainSnapshot(snapshot.key(), snapshot.all(), sensors, clock.instant());
    return this;
  }

  public EngineHarness update(Predicate<InstanceRecord> which, UnaryOperator<InstanceRecord> change) {
    List<InstanceRecord> records = snapshot.all().stream().map(i -> which.test(i) ? change.apply(i) : i).toList();
    snapshot = new DomainSnapshot(snapshot.key(), records, snapshot.sensorData(), clock.instant());
    return this;
  }

  private DomainSnapshot snapshotNow() {
    return new DomainSnapshot(snapshot.key(), snapshot.all(), snapshot.sensorData(), clock.instant());
  }
}
