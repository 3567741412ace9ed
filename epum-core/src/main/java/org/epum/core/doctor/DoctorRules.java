package org.epum.core.doctor;

import java.time.Instant;
import org.epum.core.domain.HealthSettings;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;

/**
 * DESIGN §6's timeout rules as a pure function of one instance, the domain's health settings and
 * the clock. Heartbeats themselves (OK and error) are applied by the reactor, not here.
 * <ul>
 *   <li>RUNNING and never heard by this doctor: OUT_OF_CONTACT once {@code boot_timeout} has passed
 *       since it became RUNNING, or since this doctor started when that is later;</li>
 *   <li>RUNNING and heard before (a last heartbeat on record, or a health that only heartbeats set):
 *       OUT_OF_CONTACT, with a probe of its agent, once {@code missing_timeout} has passed since it
 *       was last heard (or since this doctor started, when no time is on record);</li>
 *   <li>OUT_OF_CONTACT and probed more than {@code really_missing_timeout} ago: MISSING;</li>
 *   <li>TERMINATING or later and heard after {@code state_time + zombie_seconds}: ZOMBIE; a ZOMBIE
 *       silent for {@code zombie_seconds} (or never heard by this doctor): back to UNKNOWN.</li>
 * </ul>
 * Timeouts must be exceeded, not merely reached.
 */
final class DoctorRules {
  private DoctorRules() {}

  /**
   * @param doctorStart when this doctor began watching (its first pass as leader)
   * @param probedAt when this doctor last probed the instance's agent, or null
   */
  static HealthVerdict judge(InstanceRecord i, HealthSettings s, Instant now, Instant doctorStart,
      Instant probedAt) {
    if (i.state().isAtLeast(InstanceState.TERMINATING)) {
      return zombie(i, s, now);
    }
    if (i.state() != InstanceState.RUNNING) {
      return HealthVerdict.keep(i.health());
    }
    HealthState h = i.health();
    if (h == HealthState.MISSING || h == HealthState.ZOMBIE) {
      return HealthVerdict.keep(h);
    }
    if (h == HealthState.OUT_OF_CONTACT) {
      Instant since = probedAt != null ? probedAt : later(i.stateTime(), doctorStart);
      if (probedAt != null && now.isAfter(since.plus(s.reallyMissingTimeout()))) {
        return new HealthVerdict(HealthState.MISSING, false, "no reply to the agent probe within "
            + s.reallyMissingTimeout().toSeconds() + " s");
      }
      return new HealthVerdict(h, probedAt == null, "");
    }
    Instant heard = i.lastHeartbeat();
    boolean heardBefore = heard != null || h != HealthState.UNKNOWN;
    if (!heardBefore) {
      Instant since = later(i.stateTime(), doctorStart);
      return now.isAfter(since.plus(s.bootTimeout()))
          ? new HealthVerdict(HealthState.OUT_OF_CONTACT, true, "no heartbeat within boot_timeout "
              + s.bootTimeout().toSeconds() + " s of RUNNING")
          : HealthVerdict.keep(h);
    }
    Instant since = heard != null ? heard : later(i.stateTime(), doctorStart);
    return now.isAfter(since.plus(s.missingTimeout()))
        ? new HealthVerdict(HealthState.OUT_OF_CONTACT, true, "no heartbeat for more than missing_timeout "
            + s.missingTimeout().toSeconds() + " s")
        : HealthVerdict.keep(h);
  }

  private static HealthVerdict zombie(InstanceRecord i, HealthSettings s, Instant now) {
    Instant heard = i.lastHeartbeat();
    if (i.health() == HealthState.ZOMBIE) {
      return heard == null || now.isAfter(heard.plus(s.zombieTimeout()))
          ? new HealthVerdict(HealthState.UNKNOWN, false, "zombie silent for zombie_seconds")
          : HealthVerdict.keep(HealthState.ZOMBIE);
    }
    if (heard != null && heard.isAfter(i.stateTime().plus(s.zombieTimeout()))) {
      return new HealthVerdict(HealthState.ZOMBIE, false, "heartbeat from an instance " + i.state().label()
          + " for more than zombie_seconds");
    }
    return HealthVerdict.keep(i.health());
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
