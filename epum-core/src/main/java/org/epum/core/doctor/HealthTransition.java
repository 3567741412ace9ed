package org.epum.core.doctor;

import org.epum.core.domain.DomainKey;
import org.epum.core.domain.HealthState;

/** One health change the doctor made. */
public record HealthTransition(DomainKey domain, String instanceId, HealthState from, HealthState to,
    String reason) {}
