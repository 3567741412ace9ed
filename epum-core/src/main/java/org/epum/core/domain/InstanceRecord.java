package org.epum.core.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One VM instance of a domain, as EPUM knows it. Fields the Provisioner reports (iaas id,
 * addresses, update counter and anything else in {@code properties}) are overlaid on the record as
 * reports are accepted; launch fields and extravars are carried forward. Nullable fields are
 * documented; every collection is immutable.
 *
 * @param stateTime when the current state was recorded (the clock of the replica that accepted it)
 * @param errorTime when the agent says the first current error happened; null when none
 * @param updateCounter the Provisioner's counter for this record; null when it never sent one
 * @param lastHeartbeat when the last heartbeat was received; null when none was
 * @param lastAttempt when EPUM last sent provision or terminate for it; null when never
 */
public record InstanceRecord(
    String instanceId,
    String launchId,
    String deployableType,
    String site,
    String allocation,
    InstanceState state,
    Instant stateTime,
    HealthState health,
    List<InstanceError> errors,
    Instant errorTime,
    Map<String, Object> extravars,
    String agentAddress,
    Instant lastHeartbeat,
    Map<String, Object> sensorData,
    String iaasId,
    String publicIp,
    String privateIp,
    String hostname,
    Long updateCounter,
    Map<String, String> properties,
    Instant lastAttempt) {

  public InstanceRecord {
    requireNonNull(instanceId, "instanceId");
    launchId = nullToEmpty(launchId);
    deployableType = nullToEmpty(deployableType);
    site = nullToEmpty(site);
    allocation = nullToEmpty(allocation);
    requireNonNull(state, "state");
    requireNonNull(stateTime, "stateTime");
    requireNonNull(health, "health");
    errors = errors == null ? List.of() : List.copyOf(errors);
    extravars = immutable(extravars);
    agentAddress = nullToEmpty(agentAddress);
    sensorData = immutable(sensorData);
    iaasId = nullToEmpty(iaasId);
    publicIp = nullToEmpty(publicIp);
    privateIp = nullToEmpty(privateIp);
    hostname = nullToEmpty(hostname);
    properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** A record as EPUM writes it before calling provision: REQUESTING, health UNKNOWN. */
  public static Builder requesting(String instanceId, Instant at) {
    return new Builder().instanceId(instanceId).state(InstanceState.REQUESTING).stateTime(at)
        .health(HealthState.UNKNOWN);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static <V> Map<String, V> immutable(Map<String, V> m) {
    return m == null || m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private String instanceId;
    private String launchId;
    private String deployableType;
    private String site;
    private String allocation;
    private InstanceState state;
    private Instant stateTime;
    private HealthState health = HealthState.UNKNOWN;
    private List<InstanceError> errors = List.of();
    private Instant errorTime;
    private Map<String, Object> extravars = Map.of();
    private String agentAddress;
    private Instant lastHeartbeat;
    private Map<String, Object> sensorData = Map.of();
    private String iaasId;
    private String publicIp;
    private String privateIp;
    private String hostname;
    private Long updateCounter;
    private Map<String, String> properties = Map.of();
    private Instant lastAttempt;

    public Builder() {}

    private Builder(InstanceRecord r) {
      instanceId = r.instanceId;
      launchId = r.launchId;
      deployableType = r.deployableType;
      site = r.site;
      allocation = r.allocation;
      state = r.state;
      stateTime = r.stateTime;
      health = r.health;
      errors = r.errors;
      errorTime = r.errorTime;
      extravars = r.extravars;
      agentAddress = r.agentAddress;
      lastHeartbeat = r.lastHeartbeat;
      sensorData = r.sensorData;
      iaasId = r.iaasId;
      publicIp = r.publicIp;
      privateIp = r.privateIp;
      hostname = r.hostname;
      updateCounter = r.updateCounter;
      properties = r.properties;
      lastAttempt = r.lastAttempt;
    }

    public Builder instanceId(String v) { instanceId = v; return this; }
    public Builder launchId(String v) { launchId = v; return this; }
    public Builder deployableType(String v) { deployableType = v; return this; }
    public Builder site(String v) { site = v; return this; }
    public Builder allocation(String v) { allocation = v; return this; }
    public Builder state(InstanceState v) { state = v; return this; }
    public Builder stateTime(Instant v) { stateTime = v; return this; }
    public Builder health(HealthState v) { health = v; return this; }
    public Builder errors(List<InstanceError> v) { errors = v; return this; }
    public Builder errorTime(Instant v) { errorTime = v; return this; }
    public Builder extravars(Map<String, Object> v) { extravars = v; return this; }
    public Builder agentAddress(String v) { agentAddress = v; return this; }
    public Builder lastHeartbeat(Instant v) { lastHeartbeat = v; return this; }
    public Builder sensorData(Map<String, Object> v) { sensorData = v; return this; }
    public Builder iaasId(String v) { iaasId = v; return this; }
    public Builder publicIp(String v) { publicIp = v; return this; }
    public Builder privateIp(String v) { privateIp = v; return this; }
    public Builder hostname(String v) { hostname = v; return this; }
    public Builder updateCounter(Long v) { updateCounter = v; return this; }
    public Builder properties(Map<String, String> v) { properties = v; return this; }
    public Builder lastAttempt(Instant v) { lastAttempt = v; return this; }

    public InstanceRecord build() {
      return new InstanceRecord(instanceId, launchId, deployableType, site, allocation, state, stateTime, health,
          errors, errorTime, extravars, agentAddress, lastHeartbeat, sensorData, iaasId, publicIp, privateIp,
          hostname, updateCounter, properties, lastAttempt);
    }
  }
}
