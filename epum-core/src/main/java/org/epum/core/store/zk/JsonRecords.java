package org.epum.core.store.zk;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The JSON schema of every znode the store writes. Field names are the wire contract: add fields
 * freely (readers ignore unknown ones and see a missing one as null), never rename or retype one.
 * Every record carries {@code _w}, the id of the write that produced it, so that a writer whose
 * connection dropped mid-call can tell whether its write landed.
 */
final class JsonRecords {
  private JsonRecords() {}

  record DefinitionJson(String id, Map<String, Object> config, String description, String createdAt,
      String updatedAt, @JsonProperty("_w") String w) {}

  record DomainJson(String owner, String domainId, String definitionId, Map<String, Object> config,
      long configVersion, String lifecycle, String engineState, String createdAt, String updatedAt,
      Map<String, Object> sensorData, @JsonProperty("_w") String w) {}

  /** One domain event; which fields are set depends on {@code type}. */
  record EventJson(long sequence, String time, String type, String action, String reason, List<String> instanceIds,
      String message, String instanceId, String from, String to, String change, Long configVersion,
      @JsonProperty("_w") String w) {}

  record SubscriberJson(String name, String endpoint) {}

  record SubscribersJson(List<SubscriberJson> subscribers, @JsonProperty("_w") String w) {}

  record FailedProcessJson(String name, int state, int exitCode, String stderr, long stopTimestamp) {}

  record InstanceErrorJson(String message, FailedProcessJson process) {}

  record InstanceJson(
      String instanceId,
      String launchId,
      String deployableType,
      String site,
      String allocation,
      String state,
      String stateTime,
      String health,
      List<InstanceErrorJson> errors,
      String errorTime,
      Map<String, Object> extravars,
      String agentAddress,
      String lastHeartbeat,
      Map<String, Object> sensorData,
      String iaasId,
      String publicIp,
      String privateIp,
      String hostname,
      Long updateCounter,
      Map<String, String> properties,
      String lastAttempt,
      @JsonProperty("_w") String w) {}

  /** An instance-index entry: the domain that holds the instance. */
  record IndexJson(String owner, String domainId, @JsonProperty("_w") String w) {}

  record MarkJson(String owner, String requestId, String operation, String target, String at,
      @JsonProperty("_w") String w) {}

  /** The epoch is also the znode version plus one; the field is for people reading the tree. */
  record EpochJson(long epoch, @JsonProperty("_w") String w) {}

  /** Data of a node that holds nothing but the write that created it (the instances directory). */
  record MarkerJson(@JsonProperty("_w") String w) {}
}
