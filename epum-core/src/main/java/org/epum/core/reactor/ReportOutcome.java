package org.epum.core.reactor;

import org.epum.core.domain.DomainKey;
import org.epum.core.domain.InstanceRecord;

/**
 * What became of a state report.
 *
 * @param accepted whether the report changed the record
 * @param reason why it was dropped; empty when accepted
 * @param previous the record before the report
 * @param current the record after it (equal to previous when dropped)
 */
public record ReportOutcome(DomainKey domain, boolean accepted, String reason, InstanceRecord previous,
    InstanceRecord current) {}
