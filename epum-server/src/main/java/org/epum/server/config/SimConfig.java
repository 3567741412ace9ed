package org.epum.server.config;

import java.time.Duration;
import java.util.Map;

/**
 * The simulated cloud of the embedded Provisioner's {@code sim} driver. Its delays run on its own
 * scheduler in real time, also in external-decide mode (a cloud does not follow EPUM's manual clock).
 *
 * @param requestDelay REQUESTED to PENDING
 * @param bootTimeMin shortest PENDING to STARTED (a boot takes a uniform time in [min, max])
 * @param bootTimeMax longest PENDING to STARTED
 * @param startDelay STARTED to RUNNING
 * @param terminateDelay TERMINATING to TERMINATED
 * @param failureRate chance in [0, 1] that a launch fails (FAILED) while booting; a site may override it
 * @param heartbeatInterval time between a simulated agent's heartbeats
 * @param loadMetric the heartbeat metric the simulated agents report
 * @param loadCurve the load curve ("0s:0.2, 60s:0.9, 120s:0.2"; launch var sim_load_curve overrides)
 * @param agentToken bearer token the simulated agents send (auth.mode token); empty for none
 * @param seed random seed; 0 picks one
 * @param sites the sites the sim can launch at
 */
public record SimConfig(Duration requestDelay, Duration bootTimeMin, Duration bootTimeMax, Duration startDelay,
    Duration terminateDelay, double failureRate, Duration heartbeatInterval, String loadMetric, String loadCurve,
    String agentToken, long seed, Map<String, Site> sites) {
  public SimConfig {
    sites = Map.copyOf(sites);
    if (bootTimeMax.compareTo(bootTimeMin) < 0) {
      throw new IllegalArgumentException("sim.boot_time_max must not be less than sim.boot_time_min");
    }
    checkRate("sim.failure_rate", failureRate);
    if (heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
      throw new IllegalArgumentException("sim.heartbeat_interval must be > 0");
    }
    try {
      org.epum.server.cloud.sim.LoadCurve.parse(loadCurve);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sim.load_curve: " + e.getMessage(), e);
    }
    if (loadMetric.isEmpty()) {
      throw new IllegalArgumentException("sim.load_metric must not be empty");
    }
  }

  static void checkRate(String key, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(key + " must be between 0 and 1, got " + rate);
    }
  }

  /**
   * One simulated site.
   *
   * @param capacity most live instances it holds at once (more → FAILED)
   * @param failureRate this site's launch failure chance; negative means sim.failure_rate
   */
  public record Site(int capacity, double failureRate) {}
}
