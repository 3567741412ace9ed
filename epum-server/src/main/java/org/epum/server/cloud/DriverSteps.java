package org.epum.server.cloud;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules one step of an instance's life in a driver. A failing step is logged and never kills
 * the shared scheduler; a step scheduled while the provisioner stops is dropped.
 */
public final class DriverSteps {
  private static final Logger log = LoggerFactory.getLogger(DriverSteps.class);

  private DriverSteps() {}

  public static void after(ScheduledExecutorService scheduler, Duration delay, String driver, String instanceId,
      Runnable step) {
    try {
      scheduler.schedule(() -> {
        try {
          step.run();
        } catch (RuntimeException e) {
          log.warn("instance={} {} driver step failed: {}", instanceId, driver, e.toString());
        }
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("instance={} {} driver step dropped: stopping", instanceId, driver);
    }
  }
}
