package org.epum.core.engine.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.engine.DomainSnapshot;

/**
 * Reads a metric's value for one pass from the sensor data the decider put in the snapshot. A
 * metric's data is either one number (one sample) or a map whose {@code Series} key holds the
 * samples, oldest first; a map without a series may carry the precomputed statistic under the
 * sample function's name (e.g. {@code Average}), as the original's sensors did.
 */
public final class SensorValues {
  public static final String SERIES = "Series";

  private SensorValues() {}

  /**
   * The sample function over the domain's series when the domain has the metric; otherwise the
   * average, over the healthy instances that have data, of the sample function over each one's
   * series. Instances without data are left out rather than counted as zero (the original divided
   * by every instance, so fresh instances dragged the value down). Empty when nothing has data.
   */
  public static OptionalDouble value(DomainSnapshot state, List<InstanceRecord> healthy, String metric,
      SampleFunction fn) {
    OptionalDouble domain = of(state.sensorData().get(metric), fn);
    if (domain.isPresent()) {
      return domain;
    }
    return healthy.stream()
        .map(i -> of(i.sensorData().get(metric), fn))
        .filter(OptionalDouble::isPresent)
        .mapToDouble(OptionalDouble::getAsDouble)
        .average();
  }

  /** The sample function over one metric's data; empty when the data is absent or holds no numbers. */
  public static OptionalDouble of(Object data, SampleFunction fn) {
    if (data instanceof Number n) {
      return fn.apply(finite(List.of(n)));
    }
    if (!(data instanceof Map<?, ?> m)) {
      return OptionalDouble.empty();
    }
    if (m.get(SERIES) instanceof List<?> series) {
      return fn.apply(finite(series));
    }
    if (m.get(fn.label()) instanceof Number n && Double.isFinite(n.doubleValue())) {
      return OptionalDouble.of(n.doubleValue());
    }
    return OptionalDouble.empty();
  }

  private static List<Double> finite(List<?> values) {
    List<Double> out = new ArrayList<>(values.size());
    for (Object v : values) {
      if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
        out.add(n.doubleValue());
      }
    }
    return out;
  }
}
