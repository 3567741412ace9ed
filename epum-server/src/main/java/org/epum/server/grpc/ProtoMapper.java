package org.epum.server.grpc;

import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.List;
import org.epum.core.domain.DefinitionRecord;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.EngineState;
import org.epum.core.domain.FailedProcess;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceError;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.domain.Subscriber;
import org.epum.core.error.EpumException;
import org.epum.core.management.DomainView;
import org.epum.core.store.Versioned;
import org.epum.proto.v1.Definition;
import org.epum.proto.v1.Domain;
import org.epum.proto.v1.DomainLifecycle;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.SubscriberRef;

/** Core values to protobuf messages and back. No logic beyond the translation. */
final class ProtoMapper {
  private ProtoMapper() {}

  static DomainConfig config(Struct struct) {
    return DomainConfig.of(Structs.toMap(struct));
  }

  static Struct struct(DomainConfig config) {
    return Structs.toStruct(config.sections());
  }

  static Definition definition(Versioned<DefinitionRecord> v, String documentation) {
    DefinitionRecord d = v.value();
    return Definition.newBuilder().setDefinitionId(d.id()).setConfig(struct(d.config()))
        .setDescription(d.description()).setDocumentation(documentation).setVersion(v.version())
        .setCreateTime(timestamp(d.createdAt())).setUpdateTime(timestamp(d.updatedAt())).build();
  }

  static Domain domain(DomainView view) {
    var d = view.domain();
    Domain.Builder b = Domain.newBuilder().setOwner(d.key().owner()).setDomainId(d.key().domainId())
        .setDefinitionId(d.definitionId()).setConfig(struct(d.config())).setConfigVersion(d.configVersion())
        .setLifecycle(DomainLifecycle.valueOf("DOMAIN_LIFECYCLE_" + d.lifecycle().name()))
        .setEngineState(engineState(d.engineState()))
        .setCreateTime(timestamp(d.createdAt())).setUpdateTime(timestamp(d.updatedAt()))
        .setSensorData(Structs.toStruct(d.sensorData()));
    view.instances().forEach(i -> b.addInstances(instance(i)));
    view.subscribers().forEach(s -> b.addSubscribers(subscriber(s)));
    return b.build();
  }

  static Instance instance(InstanceRecord r) {
    Instance.Builder b = Instance.newBuilder().setInstanceId(r.instanceId()).setLaunchId(r.launchId())
        .setDeployableType(r.deployableType()).setSite(r.site()).setAllocation(r.allocation())
        .setState(instanceState(r.state())).setStateTime(timestamp(r.stateTime())).setHealth(health(r.health()))
        .setExtravars(Structs.toStruct(r.extravars())).setAgentAddress(r.agentAddress())
        .setSensorData(Structs.toStruct(r.sensorData())).setIaasId(r.iaasId()).setPublicIp(r.publicIp())
        .setPrivateIp(r.privateIp()).setHostname(r.hostname()).putAllProperties(r.properties());
    r.errors().forEach(e -> b.addErrors(error(e)));
    if (r.errorTime() != null) {
      b.setErrorTime(timestamp(r.errorTime()));
    }
    if (r.lastHeartbeat() != null) {
      b.setLastHeartbeat(timestamp(r.lastHeartbeat()));
    }
    if (r.updateCounter() != null) {
      b.setUpdateCounter(r.updateCounter());
    }
    if (r.lastAttempt() != null) {
      b.setLastAttempt(timestamp(r.lastAttempt()));
    }
    return b.build();
  }

  static org.epum.proto.v1.InstanceError error(InstanceError e) {
    var b = org.epum.proto.v1.InstanceError.newBuilder().setMessage(e.message());
    if (e.process() != null) {
      b.setProcess(process(e.process()));
    }
    return b.build();
  }

  static org.epum.proto.v1.FailedProcess process(FailedProcess p) {
    return org.epum.proto.v1.FailedProcess.newBuilder().setName(p.name()).setState(p.state())
        .setExitCode(p.exitCode()).setStderr(p.stderr()).setStopTimestamp(p.stopTimestamp()).build();
  }

  static FailedProcess process(org.epum.proto.v1.FailedProcess p) {
    return new FailedProcess(p.getName(), p.getState(), p.getExitCode(), p.getStderr(), p.getStopTimestamp());
  }

  static SubscriberRef subscriber(Subscriber s) {
    return SubscriberRef.newBuilder().setName(s.name()).setEndpoint(s.endpoint()).build();
  }

  static Subscriber subscriber(SubscriberRef s) {
    return new Subscriber(s.getName(), s.getEndpoint());
  }

  static List<SubscriberRef> subscribers(List<Subscriber> list) {
    return list.stream().map(ProtoMapper::subscriber).toList();
  }

  static org.epum.proto.v1.InstanceState instanceState(InstanceState s) {
    return org.epum.proto.v1.InstanceState.forNumber(s.code());
  }

  /** INVALID_ARGUMENT for an unset or unknown state. */
  static InstanceState instanceState(org.epum.proto.v1.InstanceState s, int rawValue) {
    return InstanceState.fromCode(rawValue).orElseThrow(() -> EpumException.invalidArgument(
        "state " + (s == org.epum.proto.v1.InstanceState.UNRECOGNIZED ? rawValue : s)
            + " is not an instance state; send one of 100-REQUESTING .. 950-REJECTED"));
  }

  static org.epum.proto.v1.HealthState health(HealthState h) {
    return org.epum.proto.v1.HealthState.valueOf("HEALTH_STATE_" + h.name());
  }

  /** INVALID_ARGUMENT for an unset or unknown health state. */
  static HealthState health(org.epum.proto.v1.HealthState h) {
    if (h == org.epum.proto.v1.HealthState.HEALTH_STATE_UNSPECIFIED
        || h == org.epum.proto.v1.HealthState.UNRECOGNIZED) {
      throw EpumException.invalidArgument("health state is missing or unknown; send OK, MONITOR_ERROR or "
          + "PROCESS_ERROR");
    }
    return HealthState.valueOf(h.name().substring("HEALTH_STATE_".length()));
  }

  /** A heartbeat's state; null when unset or unknown (the intake refuses it). */
  static HealthState reportedHealth(org.epum.proto.v1.HealthState h) {
    if (h == org.epum.proto.v1.HealthState.HEALTH_STATE_UNSPECIFIED
        || h == org.epum.proto.v1.HealthState.UNRECOGNIZED) {
      return null;
    }
    return HealthState.valueOf(h.name().substring("HEALTH_STATE_".length()));
  }

  static org.epum.proto.v1.EngineState engineState(EngineState s) {
    return org.epum.proto.v1.EngineState.valueOf("ENGINE_STATE_" + s.name());
  }

  static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  /** Null when the timestamp is unset. */
  static Instant instant(boolean present, Timestamp t) {
    return present ? Instant.ofEpochSecond(t.getSeconds(), t.getNanos()) : null;
  }

}
