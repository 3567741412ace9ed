package org.epum.core.engine.support;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** How a series of sensor samples becomes one value (the CloudWatch statistic names the original used). */
public enum SampleFunction {
  AVERAGE("Average"),
  SUM("Sum"),
  MAXIMUM("Maximum"),
  MINIMUM("Minimum"),
  SAMPLE_COUNT("SampleCount");

  private final String label;

  SampleFunction(String label) {
    this.label = label;
  }

  /** The config spelling, e.g. {@code Average}. */
  public String label() {
    return label;
  }

  /** Accepts the config spelling in any case ({@code Average}, {@code average}). */
  public static Optional<SampleFunction> parse(String text) {
    return Arrays.stream(values()).filter(f -> f.label.equalsIgnoreCase(text)).findFirst();
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(SampleFunction::label).toList();
  }

  /** The function over {@code series}; empty for an empty series. */
  public OptionalDouble apply(List<Double> series) {
    if (series.isEmpty()) {
      return OptionalDouble.empty();
    }
    return switch (this) {
      case AVERAGE -> series.stream().mapToDouble(Double::doubleValue).average();
      case SUM -> OptionalDouble.of(series.stream().mapToDouble(Double::doubleValue).sum());
      case MAXIMUM -> series.stream().mapToDouble(Double::doubleValue).max();
      case MINIMUM -> series.stream().mapToDouble(Double::doubleValue).min();
      case SAMPLE_COUNT -> OptionalDouble.of(series.size());
    };
  }
}
