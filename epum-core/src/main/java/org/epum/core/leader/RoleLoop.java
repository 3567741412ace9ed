package org.epum.core.leader;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractScheduledService;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a role's pass every interval on its own thread while this replica leads the role, the
 * first pass of each term preceded by the role's take-over (reload from the store). A
 * failing pass is logged and the loop goes on (a Guava scheduled service would otherwise stop for
 * good on the first exception).
 */
public final class RoleLoop extends AbstractScheduledService {
  private static final Logger log = LoggerFactory.getLogger(RoleLoop.class);

  private final String role;
  private final Runnable pass;
  private final Runnable takeOver;
  private final Duration interval;
  private final TermWatch term;
  private final Leadership leadership;

  public RoleLoop(String role, Runnable pass, Runnable takeOver, Duration interval, Leadership leadership) {
    this.role = requireNonNull(role);
    this.pass = requireNonNull(pass);
    this.takeOver = requireNonNull(takeOver);
    this.interval = requireNonNull(interval);
    this.term = new TermWatch(role, leadership);
    this.leadership = leadership;
  }

  @Override
  protected void runOneIteration() {
    try {
      if (term.lead(takeOver)) {
        pass.run();
      }
    } catch (RuntimeException e) {
      if (!leadership.isLeader(role)) {
        log.info("{} pass stopped: this replica no longer leads the role ({})", role, e.getMessage());
      } else {
        log.error("{} pass failed", role, e);
      }
      term.failed(e);
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
