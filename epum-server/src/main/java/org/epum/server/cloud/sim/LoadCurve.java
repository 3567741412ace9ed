package org.epum.server.cloud.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A load that changes over time, for the simulated agents' heartbeat metric: points
 * "{@code 0s:0.2, 60s:0.9, 180s:0.2}", joined by straight lines and repeated with the last
 * point's time as the period. One point is a constant load.
 */
public final class LoadCurve {
  private final long[] millis;
  private final double[] values;

  private LoadCurve(long[] millis, double[] values) {
    this.millis = millis;
    this.values = values;
  }

  /** Parses a curve; IllegalArgumentException names what is wrong. */
  public static LoadCurve parse(String text) {
    List<Long> times = new ArrayList<>();
    List<Double> loads = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      int colon = p.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("load curve point '" + p + "' is not TIME:VALUE (e.g. 60s:0.9)");
      }
      long at = millis(p.substring(0, colon).trim().toLowerCase(Locale.ROOT), p);
      double value;
      try {
        value = Double.parseDouble(p.substring(colon + 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("load curve point '" + p + "' has a value that is not a number", e);
      }
      if (!times.isEmpty() && at <= times.get(times.size() - 1)) {
        throw new IllegalArgumentException("load curve times must increase, but '" + p + "' does not");
      }
      times.add(at);
      loads.add(value);
    }
    if (times.get(0) != 0) {
      throw new IllegalArgumentException("a load curve must start at 0s");
    }
    return new LoadCurve(times.stream().mapToLong(Long::longValue).toArray(),
        loads.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The load at {@code elapsed} since the curve's origin. */
  public double at(Duration elapsed) {
    if (millis.length == 1) {
      return values[0];
    }
    long period = millis[millis.length - 1];
    long t = Math.floorMod(elapsed.toMillis(), period);
    for (int i = 1; i < millis.length; i++) {
      if (t <= millis[i]) {
        double f = (double) (t - millis[i - 1]) / (millis[i] - millis[i - 1]);
        return values[i - 1] + f * (values[i] - values[i - 1]);
      }
    }
    return values[values.length - 1];
  }

  private static long millis(String time, String point) {
    var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?").matcher(time);
    if (!m.matches()) {
      throw new IllegalArgumentException("load curve point '" + point + "' has a time that is not like 30s, 500ms, 5m");
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return Math.round(switch (unit) {
      case "ms" -> amount;
      case "s" -> amount * 1_000;
      case "m" -> amount * 60_000;
      default -> amount * 3_600_000;
    });
  }
}
