package org.epum.server;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.epum.core.decider.Decider;
import org.epum.core.decider.DomainPassResult;
import org.epum.core.doctor.Doctor;
import org.epum.core.doctor.DoctorPass;
import org.epum.core.error.EpumException;
import org.epum.core.leader.Leadership;
import org.epum.core.leader.Roles;
import org.epum.core.leader.TermWatch;
import org.epum.core.reaper.Reaper;

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
  private final TermWatch deciderTerm;
  private final TermWatch doctorTerm;
  private final TermWatch reaperTerm;

  @Inject
  public ManualPasses(ClockControl clock, Decider decider, Doctor doctor, Reaper reaper, Leadership leadership) {
    this.clock = requireNonNull(clock);
    this.decider = requireNonNull(decider);
    this.doctor = requireNonNull(doctor);
    this.reaper = requireNonNull(reaper);
    this.deciderTerm = new TermWatch(Roles.DECIDER, leadership);
    this.doctorTerm = new TermWatch(Roles.DOCTOR, leadership);
    this.reaperTerm = new TermWatch(Roles.REAPER, leadership);
  }

  /** Sets the manual clock to {@code at} (when given) and runs one doctor pass. */
  public synchronized DoctorPass doctor(Instant at) {
    requireExternal("RunDoctor");
    if (at != null) {
      clock.set(at);
    }
    return asLeader(doctorTerm, Roles.DOCTOR, doctor::takeOver, doctor::runOnce);
  }

  /** Sets the manual clock to {@code at} (when given) and runs one reaper pass. */
  public synchronized List<Reaper.Reaped> reap(Instant at) {
    requireExternal("RunReaper");
    if (at != null) {
      clock.set(at);
    }
    return asLeader(reaperTerm, Roles.REAPER, () -> {}, reaper::runOnce);
  }

  public synchronized List<DomainPassResult> decide() {
    requireExternal("RunDecider");
    return asLeader(deciderTerm, Roles.DECIDER, decider::takeOver, decider::runOnce);
  }

  /**
   * Runs a pass as the role's leader: the first of a term after the role's take-over; a pass
   * refused by the fence steps this replica down. Another replica's role: NOT_LEADER (UNAVAILABLE).
   */
  private static <T> T asLeader(TermWatch term, String role, Runnable takeOver, Supplier<T> pass) {
    if (!term.lead(takeOver)) {
      throw EpumException.notLeader("this replica does not lead the " + role
          + " role; run the pass on its leader (epumctl admin leaders)");
    }
    try {
      return pass.get();
    } catch (RuntimeException e) {
      term.failed(e);
      throw e;
    }
  }

  private void requireExternal(String operation) {
    if (!clock.isManual()) {
      throw EpumException.wrongState(operation + " runs only in external-decide mode (epum.external_decide: true); "
          + "this server runs its passes on timers");
    }
  }
}
