package org.epum.core.doctor;

import org.epum.core.domain.HealthState;

/**
 * What the doctor concluded about one instance in one pass.
 *
 * @param health the new health (equal to the old one when nothing changes)
 * @param probe whether to probe the agent now
 * @param reason why, for the event log
 */
record HealthVerdict(HealthState health, boolean probe, String reason) {
  static HealthVerdict keep(HealthState health) {
    return new HealthVerdict(health, false, "");
  }
}
