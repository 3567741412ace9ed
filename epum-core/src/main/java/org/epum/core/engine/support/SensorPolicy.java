package org.epum.core.engine.support;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.engine.DecisionReason;
import org.epum.core.engine.DomainSnapshot;

/**
 * Threshold scaling on one metric, shared by the sensor and multisite engines: above
 * {@code scale_up_threshold} grow by {@code scale_up_n_vms}, below {@code scale_down_threshold}
 * shrink by {@code scale_down_n_vms}, never outside [min, max], and not again until
 * {@code cooldown_period} has passed since the last scale action.
 *
 * @param metric the metric to scale on; null when the domain does not scale on a metric
 * @param upThreshold null: never scale up on the metric
 * @param downThreshold null: never scale down on the metric
 */
public record SensorPolicy(String metric, SampleFunction sampleFunction, Double upThreshold, int upBy,
    Double downThreshold, int downBy, Duration cooldown, SensorSource source) {
  public static final String METRIC = "metric";
  public static final String SAMPLE_FUNCTION = "sample_function";
  public static final String SCALE_UP_THRESHOLD = "scale_up_threshold";
  public static final String SCALE_UP_N_VMS = "scale_up_n_vms";
  public static final String SCALE_DOWN_THRESHOLD = "scale_down_threshold";
  public static final String SCALE_DOWN_N_VMS = "scale_down_n_vms";
  public static final String COOLDOWN_PERIOD = "cooldown_period";

  /** These keys and the {@link SensorSource} keys. */
  public static final Set<String> KEYS = keys();

  /** What the metric asks for: grow (delta > 0), shrink (delta < 0) or hold (0, with the reason). */
  public record Scale(int delta, DecisionReason reason, String message) {}

  public SensorPolicy {
    requireNonNull(sampleFunction, "sampleFunction");
    requireNonNull(cooldown, "cooldown");
    requireNonNull(source, "source");
  }

  /** Reads the sensor keys; throws INVALID_ARGUMENT naming the first bad one. */
  public static SensorPolicy parse(EngineConfs c) {
    String metric = c.optionalString(METRIC).orElse(null);
    String fn = c.optionalString(SAMPLE_FUNCTION, SampleFunction.AVERAGE.label());
    SampleFunction sample = SampleFunction.parse(fn)
        .orElseThrow(() -> EngineConfs.invalid(SAMPLE_FUNCTION, "one of " + SampleFunction.labels(), fn));
    OptionalDouble up = c.optionalNumber(SCALE_UP_THRESHOLD);
    OptionalDouble down = c.optionalNumber(SCALE_DOWN_THRESHOLD);
    if (metric == null && (up.isPresent() || down.isPresent())) {
      throw EngineConfs.invalid("engine_conf." + (up.isPresent() ? SCALE_UP_THRESHOLD : SCALE_DOWN_THRESHOLD)
          + " needs engine_conf." + METRIC + ": set metric to the name of the metric to scale on");
    }
    if (up.isPresent() && down.isPresent() && down.getAsDouble() > up.getAsDouble()) {
      throw EngineConfs.invalid("engine_conf." + SCALE_DOWN_THRESHOLD + " (" + down.getAsDouble()
          + ") must not be above engine_conf." + SCALE_UP_THRESHOLD + " (" + up.getAsDouble() + ")");
    }
    int upBy = c.optionalInt(SCALE_UP_N_VMS, 1, 1);
    int downBy = c.optionalInt(SCALE_DOWN_N_VMS, 1, 1);
    double cooldownSeconds = c.optionalNonNegative(COOLDOWN_PERIOD, 0);
    return new SensorPolicy(metric, sample, boxed(up), upBy, boxed(down), downBy,
        Duration.ofMillis(Math.round(cooldownSeconds * 1000)), SensorSource.parse(c));
  }

  /** When the next scale action may happen, given the last one; empty means "now". */
  public Optional<Instant> cooldownEnds(Instant lastScaleAction) {
    if (lastScaleAction == null || cooldown.isZero()) {
      return Optional.empty();
    }
    return Optional.of(lastScaleAction.plus(cooldown));
  }

  /**
   * What the metric asks for: a change of the domain's {@code target}, kept in [min, max]. Without
   * data for the metric, it holds and says so.
   */
  public Scale evaluate(DomainSnapshot state, List<InstanceRecord> healthy, int target, int min, int max) {
    if (metric == null) {
      return new Scale(0, DecisionReason.AT_TARGET, "target " + target + " (minimum_vms " + min
          + ", maximum_vms " + max + "); no metric configured");
    }
    OptionalDouble value = SensorValues.value(state, healthy, metric, sampleFunction);
    if (value.isEmpty()) {
      return new Scale(0, DecisionReason.AT_TARGET, "no sensor data for metric " + metric
          + " yet; not scaling (target " + target + ")");
    }
    String reading = sampleFunction.label() + " of " + metric + " = " + value.getAsDouble();
    if (upThreshold != null && value.getAsDouble() > upThreshold) {
      reading += " > scale_up_threshold " + upThreshold;
      int delta = Math.min(target + upBy, max) - target;
      return delta > 0
          ? new Scale(delta, DecisionReason.SCALE_UP, reading + "; target " + target + " -> " + (target + delta))
          : new Scale(0, DecisionReason.AT_MAXIMUM, reading + " but target " + target + " is maximum_vms " + max);
    }
    if (downThreshold != null && value.getAsDouble() < downThreshold) {
      reading += " < scale_down_threshold " + downThreshold;
      int delta = Math.max(target - downBy, min) - target;
      return delta < 0
          ? new Scale(delta, DecisionReason.SCALE_DOWN, reading + "; target " + target + " -> " + (target + delta))
          : new Scale(0, DecisionReason.AT_MINIMUM, reading + " but target " + target + " is minimum_vms " + min);
    }
    return new Scale(0, DecisionReason.AT_TARGET, reading + " is within the thresholds; target " + target);
  }

  private static Double boxed(OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : null;
  }

  private static Set<String> keys() {
    Set<String> keys = new HashSet<>(Set.of(METRIC, SAMPLE_FUNCTION, SCALE_UP_THRESHOLD, SCALE_UP_N_VMS,
        SCALE_DOWN_THRESHOLD, SCALE_DOWN_N_VMS, COOLDOWN_PERIOD));
    keys.addAll(SensorSource.KEYS);
    return Set.copyOf(keys);
  }
}
