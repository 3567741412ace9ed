package org.epum.core.store.zk;

import static org.epum.core.store.zk.JsonCodec.instant;
import static org.epum.core.store.zk.JsonCodec.str;

import java.util.List;
import org.epum.core.domain.FailedProcess;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceError;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.store.zk.JsonRecords.FailedProcessJson;
import org.epum.core.store.zk.JsonRecords.InstanceErrorJson;
import org.epum.core.store.zk.JsonRecords.InstanceJson;

/** Field-by-field mapping of {@link InstanceRecord}, the widest record, to its JSON form. */
final class InstanceJsonMapper {
  private InstanceJsonMapper() {}

  static InstanceJson toJson(InstanceRecord r, String writeId) {
    return new InstanceJson(r.instanceId(), r.launchId(), r.deployableType(), r.site(), r.allocation(),
        r.state().name(), str(r.stateTime()), r.health().name(), errors(r.errors()), str(r.errorTime()),
        r.extravars(), r.agentAddress(), str(r.lastHeartbeat()), r.sensorData(), r.iaasId(), r.publicIp(),
        r.privateIp(), r.hostname(), r.updateCounter(), r.properties(), str(r.lastAttempt()), writeId);
  }

  static InstanceRecord fromJson(InstanceJson j) {
    return new InstanceRecord.Builder()
        .instanceId(j.instanceId())
        .launchId(j.launchId())
        .deployableType(j.deployableType())
        .site(j.site())
        .allocation(j.allocation())
        .state(InstanceState.valueOf(j.state()))
        .stateTime(instant(j.stateTime()))
        .health(j.health() == null ? HealthState.UNKNOWN : HealthState.valueOf(j.health()))
        .errors(j.errors() == null ? List.of() : j.errors().stream().map(InstanceJsonMapper::error).toList())
        .errorTime(instant(j.errorTime()))
        .extravars(j.extravars())
        .agentAddress(j.agentAddress())
        .lastHeartbeat(instant(j.lastHeartbeat()))
        .sensorData(j.sensorData())
        .iaasId(j.iaasId())
        .publicIp(j.publicIp())
        .privateIp(j.privateIp())
        .hostname(j.hostname())
        .updateCounter(j.updateCounter())
        .properties(j.properties())
        .lastAttempt(instant(j.lastAttempt()))
        .build();
  }

  private static List<InstanceErrorJson> errors(List<InstanceError> errors) {
    return errors.stream().map(e -> new InstanceErrorJson(e.message(), e.process() == null ? null
        : new FailedProcessJson(e.process().name(), e.process().state(), e.process().exitCode(),
            e.process().stderr(), e.process().stopTimestamp()))).toList();
  }

  private static InstanceError error(InstanceErrorJson j) {
    FailedProcessJson p = j.process();
    return new InstanceError(j.message(), p == null ? null
        : new FailedProcess(p.name(), p.state(), p.exitCode(), p.stderr(), p.stopTimestamp()));
  }
}
