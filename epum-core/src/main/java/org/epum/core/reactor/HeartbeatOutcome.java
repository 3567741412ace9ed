package org.epum.core.reactor;

import org.epum.core.domain.HealthState;

/**
 * What became of a heartbeat.
 *
 * @param accepted false when it was ignored (monitoring off for the domain)
 * @param note why it was ignored, or a note on what was trimmed
 * @param health the instance's health afterwards
 * @param written whether it cost a store write
 */
public record HeartbeatOutcome(boolean accepted, String note, HealthState health, boolean written) {}
