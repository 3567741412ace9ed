package org.epum.core.decider;

import java.time.Instant;
import java.util.List;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.InstanceRecord;

/**
 * Gathers a domain's sensor data before its engine decides, from the source its
 * {@code engine_conf.sensor_type} names. Called on the decider's thread; may block on I/O, bounded
 * by its own timeouts. Failures are reported as an exception and cost the domain only its
 * readings for this pass.
 */
public interface SensorGatherer {
  SensorReadings gather(DomainRecord domain, List<InstanceRecord> instances, Instant now);
}
