package org.epum.server;

import java.time.Clock;
import java.time.Instant;
import org.epum.core.error.EpumException;
import org.epum.core.time.ManualClock;

/**
 * The server's clock and whether it may be moved by hand: in external-decide mode the whole
 * server runs on a {@link ManualClock}; otherwise on the system clock, which nobody may set.
 */
public final class ClockControl {
  private final Clock clock;
  private final ManualClock manual;

  private ClockControl(Clock clock, ManualClock manual) {
    this.clock = clock;
    this.manual = manual;
  }

  public static ClockControl system() {
    return new ClockControl(Clock.systemUTC(), null);
  }

  public static ClockControl manual(Instant start) {
    ManualClock m = new ManualClock(start);
    return new ClockControl(m, m);
  }

  public Clock clock() {
    return clock;
  }

  public boolean isManual() {
    return manual != null;
  }

  /** Sets the manual clock; FAILED_PRECONDITION outside external-decide mode. */
  public Instant set(Instant at) {
    if (manual == null) {
      throw EpumException.wrongState("the clock can be set only in external-decide mode (epum.external_decide: "
          + "true); this server runs on the system clock");
    }
    manual.set(at);
    return at;
  }
}
