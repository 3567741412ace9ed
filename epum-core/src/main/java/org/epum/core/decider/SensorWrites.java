package org.epum.core.decider;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;
import org.epum.core.store.RequestMark;

/**
 * Keeps gathered sensor data on the records (so DescribeDomain shows what the engine saw),
 * writing only what changed: a steady metric costs no writes.
 */
final class SensorWrites {
  private SensorWrites() {}

  static void persist(EpumStore store, DomainRecord domain, SensorReadings readings, PassControl control,
      Fence fence, Clock clock) {
    if (!readings.domain().isEmpty() && !readings.domain().equals(domain.sensorData())) {
      var stored = store.domain(domain.key()).orElse(null);
      if (stored != null) {
        try {
          store.updateDomain(stored.value().withSensorData(readings.domain(), clock.instant()), stored.version(),
              RequestMark.NONE, fence);
        } catch (EpumException e) {
          if (e.code() != ErrorCode.VERSION_CONFLICT) {
            throw e;
          }
          // An API write won the race; the readings are written again next pass.
        }
      }
    }
    for (InstanceRecord i : control.instances()) {
      Map<String, Object> fresh = readings.instances().get(i.instanceId());
      if (fresh == null || fresh.isEmpty()) {
        continue;
      }
      Map<String, Object> merged = new LinkedHashMap<>(i.sensorData());
      merged.putAll(fresh);
      if (!merged.equals(i.sensorData())) {
        update(store, domain, i.toBuilder().sensorData(merged).build(), control, fence);
      }
    }
  }

  private static void update(EpumStore store, DomainRecord domain, InstanceRecord next, PassControl control,
      Fence fence) {
    var stored = store.instance(domain.key(), next.instanceId()).orElse(null);
    if (stored == null) {
      return;
    }
    var target = stored.value().toBuilder().sensorData(next.sensorData()).build();
    try {
      store.updateInstance(domain.key(), target, stored.version(), fence);
      control.refreshed(target);
    } catch (EpumException e) {
      if (e.code() != ErrorCode.VERSION_CONFLICT) {
        throw e;
      }
      // A state report won the race; the readings are written again next pass.
    }
  }
}
