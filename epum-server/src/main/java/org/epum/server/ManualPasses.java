package org.epum.server;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.epum.core.decider.Decider;
import org.epum.core.decider.DomainPassResult;
import org.epum.core.doctor.Doctor;
import org.epum.core.doctor.DoctorPass;
import org.epum.core.reaper.Reaper;
import org.epum.core.error.EpumException;

/**
 * The passes EpumAdmin runs by hand in external-decide mode, one at a time. Outside that mode the
 * timed loops own the roles and a hand-run pass is refused with FAILED_PRECONDITION.
 */
@Singleton
public final class ManualPasses {
  private final ClockControl clock;
  private final Decider decider;
  private final Doctor doctor;
  private final Reaper reaper;

  @Inject
  public ManualPasses(ClockControl clock, Decider decider, Doctor doctor, Reaper reaper) {
    this.clock = requireNonNull(clock);
    this.decider = requireNonNull(decider);
    this.doctor = requireNonNull(doctor);
    this.reaper = requireNonNull(reaper);
  }

  /** Sets the manual clock to {@code at} (when given) and runs one doctor pass. */
  public synchronized DoctorPass doctor(Instant at) {
    requireExternal("RunDoctor");
    if (at != null) {
      clock.set(at);
    }
    return doctor.runOnce();
  }

  /** Sets the manual clock to {@code at} (when given) and runs one reaper pass. */
  public synchronized List<Reaper.Reaped> reap(Instant at) {
    requireExternal("RunReaper");
    if (at != null) {
      clock.set(at);
    }
    return reaper.runOnce();
  }

  public synchronized List<DomainPassResult> decide() {
    requireExternal("RunDecider");
    return decider.runOnce();
  }

  /** What a newly elected decider does first; run once at start in external-decide mode. */
  public synchronized void takeOver() {
    decider.takeOver();
    doctor.takeOver();
  }

  private void requireExternal(String operation) {
    if (!clock.isManual()) {
      throw EpumException.wrongState(operation + " runs only in external-decide mode (epum.external_decide: true); "
          + "this server runs its passes on timers");
    }
  }
}
