package org.epum.client.cli;

import com.google.protobuf.ProtocolMessageEnum;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.epum.client.ConfigStructs;
import org.epum.proto.v1.Decision;
import org.epum.proto.v1.DecisionAction;
import org.epum.proto.v1.DecisionReason;
import org.epum.proto.v1.Definition;
import org.epum.proto.v1.Domain;
import org.epum.proto.v1.DomainLifecycle;
import org.epum.proto.v1.EngineState;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.InstanceError;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.SubscriberRef;

/**
 * The stable json/yaml shape of EPUM objects: proto messages turned into plain ordered maps with
 * snake_case keys. This is the documented script interface, so keys are never renamed or
 * dropped; unset timestamps and optional numbers are present as null. Config is plain nested
 * values with integers as integers and map keys sorted.
 *
 * <p>Enums print without their proto prefix ("ACTIVE", "OK"); instance states print with their
 * code ("600-RUNNING") because that is how the system has always named them.
 */
final class Views {
  private Views() {}

  static Map<String, Object> domain(Domain d) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("owner", d.getOwner());
    v.put("domain_id", d.getDomainId());
    v.put("definition_id", d.getDefinitionId());
    v.put("config", config(d.getConfig()));
    v.put("config_version", d.getConfigVersion());
    v.put("lifecycle", lifecycle(d));
    v.put("engine_state", engineState(d));
    v.put("instances", d.getInstancesList().stream().map(Views::instance).toList());
    v.put("subscribers", d.getSubscribersList().stream().map(Views::subscriber).toList());
    v.put("create_time", time(d.hasCreateTime(), d.getCreateTime()));
    v.put("update_time", time(d.hasUpdateTime(), d.getUpdateTime()));
    return v;
  }

  static Map<String, Object> instance(Instance i) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("instance_id", i.getInstanceId());
    v.put("launch_id", i.getLaunchId());
    v.put("deployable_type", i.getDeployableType());
    v.put("site", i.getSite());
    v.put("allocation", i.getAllocation());
    v.put("state", state(i.getStateValue()));
    v.put("state_time", time(i.hasStateTime(), i.getStateTime()));
    v.put("health", health(i.getHealthValue()));
    v.put("errors", i.getErrorsList().stream().map(Views::error).toList());
    v.put("error_time", time(i.hasErrorTime(), i.getErrorTime()));
    v.put("extravars", config(i.getExtravars()));
    v.put("agent_address", i.getAgentAddress());
    v.put("last_heartbeat", time(i.hasLastHeartbeat(), i.getLastHeartbeat()));
    v.put("sensor_data", config(i.getSensorData()));
    v.put("iaas_id", i.getIaasId());
    v.put("public_ip", i.getPublicIp());
    v.put("private_ip", i.getPrivateIp());
    v.put("hostname", i.getHostname());
    v.put("update_counter", i.hasUpdateCounter() ? i.getUpdateCounter() : null);
    v.put("properties", new TreeMap<>(i.getPropertiesMap()));
    v.put("last_attempt", time(i.hasLastAttempt(), i.getLastAttempt()));
    return v;
  }

  static Map<String, Object> definition(Definition d) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("definition_id", d.getDefinitionId());
    v.put("description", d.getDescription());
    v.put("version", d.getVersion());
    v.put("config", config(d.getConfig()));
    v.put("documentation", d.getDocumentation());
    v.put("create_time", time(d.hasCreateTime(), d.getCreateTime()));
    v.put("update_time", time(d.hasUpdateTime(), d.getUpdateTime()));
    return v;
  }

  static Map<String, Object> subscriber(SubscriberRef s) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", s.getName());
    v.put("endpoint", s.getEndpoint());
    return v;
  }

  static Map<String, Object> decision(Decision d) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("action", label(d.getActionValue(), "DECISION_ACTION_", DecisionAction::forNumber));
    v.put("reason", label(d.getReasonValue(), "DECISION_REASON_", DecisionReason::forNumber));
    v.put("instance_ids", List.copyOf(d.getInstanceIdsList()));
    v.put("message", d.getMessage());
    return v;
  }

  private static Map<String, Object> error(InstanceError e) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("message", e.getMessage());
    if (e.hasProcess()) {
      var p = e.getProcess();
      Map<String, Object> process = new LinkedHashMap<>();
      process.put("name", p.getName());
      process.put("state", p.getState());
      process.put("exit_code", p.getExitCode());
      process.put("stderr", p.getStderr());
      process.put("stop_timestamp", p.getStopTimestamp());
      v.put("process", process);
    } else {
      v.put("process", null);
    }
    return v;
  }

  /** Config as plain values, keys sorted at every level so output is stable. */
  static Map<String, Object> config(Struct s) {
    return sorted(ConfigStructs.toMap(s));
  }

  private static Map<String, Object> sorted(Map<String, Object> m) {
    Map<String, Object> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, sortedValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object sortedValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return sorted((Map<String, Object>) m);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(sortedValue(x)));
      return out;
    }
    return v;
  }

  /** ISO-8601 UTC, or null when the field is unset. */
  static String time(boolean present, Timestamp t) {
    return present ? Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString() : null;
  }

  /** "600-RUNNING"; "UNSPECIFIED" for 0; the bare number for a state this client doesn't know. */
  static String state(int value) {
    InstanceState s = InstanceState.forNumber(value);
    if (s == null) {
      return String.valueOf(value);
    }
    String name = s.name().substring("INSTANCE_STATE_".length());
    return value == 0 ? name : value + "-" + name;
  }

  static String health(int value) {
    return label(value, "HEALTH_STATE_", HealthState::forNumber);
  }

  static String lifecycle(Domain d) {
    return label(d.getLifecycleValue(), "DOMAIN_LIFECYCLE_", DomainLifecycle::forNumber);
  }

  static String engineState(Domain d) {
    return label(d.getEngineStateValue(), "ENGINE_STATE_", EngineState::forNumber);
  }

  /** An enum's name without its proto prefix; the number if the enum is newer than us. */
  static <E extends Enum<E> & ProtocolMessageEnum> String label(
      int value, String prefix, IntFunction<E> forNumber) {
    E e = forNumber.apply(value);
    if (e == null) {
      return String.valueOf(value);
    }
    String name = e.name();
    return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }
}
