package org.epum.server.health;

import static org.epum.server.testing.Protos.at;
import static org.epum.server.testing.Protos.struct;

import java.time.Instant;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.store.Fence;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.HeartbeatRequest;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.InstanceStateReport;
import org.epum.proto.v1.RunDoctorRequest;
import org.epum.proto.v1.RunDoctorResponse;
import org.epum.proto.v1.SetClockRequest;
import org.epum.server.testing.RunningServer;

/** Drives scenario section E through the API: times are seconds since the epoch on the manual clock. */
final class HealthHarness {
  static final String HEALTH = """
      {"monitor_health": true, "boot_timeout": 10, "missing_timeout": 5, "zombie_seconds": 10,
       "really_missing_timeout": 3}""";
  final RunningServer server;
  final DomainKey domain;

  HealthHarness(RunningServer server, String owner, String domainId, String engineConf) {
    this.server = server;
    this.domain = new DomainKey(owner, domainId);
    server.stubs().management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("def-" + domainId)
        .setConfig(struct("{\"health\": " + HEALTH + "}")).build());
    server.as(owner).management().addDomain(AddDomainRequest.newBuilder().setDomainId(domainId)
        .setDefinitionId("def-" + domainId).setConfig(struct("{\"engine_conf\": " + engineConf + "}")).build());
  }

  void clock(long t) {
    server.stubs().admin().setClock(SetClockRequest.newBuilder().setAt(at(t)).build());
  }

  /** An instance EPUM knows about, seeded in the given state and health at time t. */
  void seed(String id, InstanceState state, long t, HealthState health, String agentAddress) {
    server.store().createInstance(domain, InstanceRecord.requesting(id, Instant.ofEpochSecond(t)).state(state)
        .health(health).agentAddress(agentAddress).launchId("l-" + id).build(), Fence.NONE);
  }

  void report(String id, org.epum.proto.v1.InstanceState state, long t) {
    clock(t);
    server.stubs().instanceStates().reportInstanceState(InstanceStateReport.newBuilder().setNodeId(id)
        .setState(state).build());
  }

  void ok(String id, long t) {
    clock(t);
    server.stubs().heartbeats().heartbeat(HeartbeatRequest.newBuilder().setNodeId(id)
        .setState(org.epum.proto.v1.HealthState.HEALTH_STATE_OK).build());
  }

  void heartbeat(HeartbeatRequest hb, long t) {
    clock(t);
    server.stubs().heartbeats().heartbeat(hb);
  }

  RunDoctorResponse doctor(long t) {
    return server.stubs().admin().runDoctor(RunDoctorRequest.newBuilder().setAt(at(t)).build());
  }

  Instance instance(String id) {
    return server.as(domain.owner()).management().describeDomain(DescribeDomainRequest.newBuilder()
        .setDomainId(domain.domainId()).build()).getInstancesList().stream()
        .filter(i -> i.getInstanceId().equals(id)).findFirst().orElseThrow();
  }

  org.epum.proto.v1.HealthState health(String id) {
    return instance(id).getHealth();
  }
}
