package org.epum.client.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The metrics a heartbeat carries: the system load average ({@code load}, when the OS reports one)
 * and the values a configured command prints, one {@code name value} per line. Lines that do not
 * parse are skipped; a command that fails or outlives its timeout contributes nothing (and is
 * logged), so a broken metrics script never stops heartbeats.
 */
public final class MetricsReader {
  public static final String LOAD = "load";
  static final int MAX_METRICS = 64;

  private static final System.Logger log = System.getLogger(MetricsReader.class.getName());

  private final String command;
  private final Duration timeout;
  private final DoubleSupplier loadAverage;

  /**
   * @param command run with {@code sh -c} on every heartbeat; null or blank for none
   * @param loadAverage the 1-minute load average, negative when unavailable
   */
  public MetricsReader(String command, Duration timeout, DoubleSupplier loadAverage) {
    this.command = command == null || command.isBlank() ? null : command;
    this.timeout = timeout;
    this.loadAverage = loadAverage;
  }

  /** The system's: load from the platform MXBean. */
  public static DoubleSupplier systemLoad() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os::getSystemLoadAverage;
  }

  /** Reads the metrics now; may block up to the command's timeout. */
  public Map<String, Double> read() {
    Map<String, Double> out = new LinkedHashMap<>();
    double load = loadAverage.getAsDouble();
    if (load >= 0 && Double.isFinite(load)) {
      out.put(LOAD, load);
    }
    if (command != null) {
      runCommand().forEach(out::putIfAbsent);
    }
    return out;
  }

  private Map<String, Double> runCommand() {
    Path output = null;
    try {
      output = Files.createTempFile("epum-agent-metrics", ".txt");
      Process p = new ProcessBuilder("sh", "-c", command).redirectOutput(output.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        log.log(System.Logger.Level.WARNING, "metrics command took longer than {0}; no metrics from it", timeout);
        return Map.of();
      }
      if (p.exitValue() != 0) {
        log.log(System.Logger.Level.WARNING, "metrics command exited {0}; no metrics from it", p.exitValue());
        return Map.of();
      }
      return parse(Files.readString(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      log.log(System.Logger.Level.WARNING, "metrics command failed: {0}", e.toString());
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    } finally {
      if (output != null) {
        output.toFile().delete();
      }
    }
  }

  /** {@code name value} lines to a map; blank lines, comments (#) and malformed lines are skipped. */
  static Map<String, Double> parse(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : text.split("\\R")) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length != 2 || parts[0].isEmpty() || parts[0].startsWith("#") || out.size() >= MAX_METRICS) {
        continue;
      }
      try {
        double v = Double.parseDouble(parts[1]);
        if (Double.isFinite(v)) {
          out.put(parts[0], v);
        }
      } catch (NumberFormatException e) {
        log.log(System.Logger.Level.DEBUG, "metrics line skipped: {0}", line);
      }
    }
    return out;
  }
}
