package org.epum.core.leader;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractScheduledService;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a role's pass every interval on its own thread while this replica leads the role. A
 * failing pass is logged and the loop goes on (a Guava scheduled service would otherwise stop for
 * good on the first exception).
 */
public final class RoleLoop extends AbstractScheduledService {
  private static final Logger log = LoggerFactory.getLogger(RoleLoop.class);

  private final String role;
  private final Runnable pass;
  private final Duration interval;
  private final BooleanSupplier isLeader;

  public RoleLoop(String role, Runnable pass, Duration interval, BooleanSupplier isLeader) {
    this.role = requireNonNull(role);
    this.pass = requireNonNull(pass);
    this.interval = requireNonNull(interval);
    this.isLeader = requireNonNull(isLeader);
  }

  @Override
  protected void runOneIteration() {
    try {
      if (isLeader.getAsBoolean()) {
        pass.run();
      }
    } catch (RuntimeException e) {
      log.error("{} pass failed", role, e);
    }
  }

  @Override
  protected Scheduler scheduler() {
    return Scheduler.newFixedDelaySchedule(interval, interval);
  }

  @Override
  protected String serviceName() {
    return "epum-" + role;
  }
}
