package org.epum.server.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.proto.v1.HealthState.HEALTH_STATE_MISSING;
import static org.epum.proto.v1.HealthState.HEALTH_STATE_MONITOR_ERROR;
import static org.epum.proto.v1.HealthState.HEALTH_STATE_OK;
import static org.epum.proto.v1.HealthState.HEALTH_STATE_OUT_OF_CONTACT;
import static org.epum.proto.v1.HealthState.HEALTH_STATE_PROCESS_ERROR;
import static org.epum.proto.v1.HealthState.HEALTH_STATE_UNKNOWN;
import static org.epum.proto.v1.HealthState.HEALTH_STATE_ZOMBIE;

import java.util.List;
import java.util.Map;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceState;
import org.epum.proto.v1.FailedProcess;
import org.epum.proto.v1.HeartbeatRequest;
import org.epum.server.testing.FakeAgent;
import org.epum.server.testing.ServerITBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scenarios 42-47 and 49: the doctor's rules through the API, on the manual clock. */
class DoctorScenariosIT extends ServerITBase {
  private static final org.epum.proto.v1.InstanceState RUNNING = org.epum.proto.v1.InstanceState.INSTANCE_STATE_RUNNING;
  private HealthHarness h;
  private FakeAgent silentAgent;

  @BeforeEach
  void domain() throws Exception {
    h = new HealthHarness(server, "david", "epuX", "{\"preserve_n\": 0}");
    silentAgent = new FakeAgent(null);
  }

  @AfterEach
  void agent() throws InterruptedException {
    silentAgent.close();
  }

  @Test
  void scenario42_basicTimeline() throws Exception {
    h.clock(0);
    for (String n : List.of("n1", "n2", "n3")) {
      h.seed(n, InstanceState.REQUESTING, 0, HealthState.UNKNOWN, silentAgent.address());
      h.report(n, RUNNING, 0);
    }
    h.doctor(0);
    assertHealth(Map.of("n1", HEALTH_STATE_UNKNOWN, "n2", HEALTH_STATE_UNKNOWN, "n3", HEALTH_STATE_UNKNOWN));
    h.doctor(5);
    assertHealth(Map.of("n1", HEALTH_STATE_UNKNOWN, "n2", HEALTH_STATE_UNKNOWN, "n3", HEALTH_STATE_UNKNOWN));
    h.ok("n1", 5);
    assertThat(h.health("n1")).isEqualTo(HEALTH_STATE_OK);
    h.doctor(10);
    assertHealth(Map.of("n1", HEALTH_STATE_OK, "n2", HEALTH_STATE_UNKNOWN, "n3", HEALTH_STATE_UNKNOWN));
    h.ok("n1", 10);
    h.ok("n2", 10);
    var pass11 = h.doctor(11);
    assertHealth(Map.of("n1", HEALTH_STATE_OK, "n2", HEALTH_STATE_OK, "n3", HEALTH_STATE_OUT_OF_CONTACT));
    assertThat(pass11.getProbes()).isEqualTo(1);
    assertThat(silentAgent.awaitProbe()).isEqualTo("n3");
    h.ok("n3", 11);
    assertHealth(Map.of("n1", HEALTH_STATE_OK, "n2", HEALTH_STATE_OK, "n3", HEALTH_STATE_OK));
    h.ok("n1", 13);
    h.doctor(16);
    assertHealth(Map.of("n1", HEALTH_STATE_OK, "n2", HEALTH_STATE_OUT_OF_CONTACT, "n3", HEALTH_STATE_OK));
    h.ok("n2", 16);
    assertHealth(Map.of("n1", HEALTH_STATE_OK, "n2", HEALTH_STATE_OK, "n3", HEALTH_STATE_OK));
    for (String n : List.of("n1", "n2", "n3")) {
      h.report(n, org.epum.proto.v1.InstanceState.INSTANCE_STATE_TERMINATED, 20);
    }
    h.doctor(20);
    assertHealth(Map.of("n1", HEALTH_STATE_UNKNOWN, "n2", HEALTH_STATE_UNKNOWN, "n3", HEALTH_STATE_UNKNOWN));
    h.ok("n1", 30);
    h.doctor(30);
    assertThat(h.health("n1")).isEqualTo(HEALTH_STATE_UNKNOWN);
    h.doctor(31);
    assertThat(h.health("n1")).isEqualTo(HEALTH_STATE_UNKNOWN);
    h.ok("n1", 31);
    h.doctor(31);
    assertThat(h.health("n1")).isEqualTo(HEALTH_STATE_ZOMBIE);
    h.doctor(42);
    assertThat(h.health("n1")).isEqualTo(HEALTH_STATE_UNKNOWN);
  }

  @Test
  void scenario43_monitorError() {
    runningAndOk("n", 1);
    h.heartbeat(HeartbeatRequest.newBuilder().setNodeId("n").setState(HEALTH_STATE_MONITOR_ERROR)
        .setError("faiiiill").build(), 5);
    assertThat(h.health("n")).isEqualTo(HEALTH_STATE_MONITOR_ERROR);
    assertThat(h.instance("n").getErrorsList()).extracting(e -> e.getMessage()).containsExactly("faiiiill");
    h.doctor(5);
    assertThat(h.health("n")).isEqualTo(HEALTH_STATE_MONITOR_ERROR);
  }

  @Test
  void scenario44_processErrorKeepsFirstDetails() {
    runningAndOk("n", 1);
    var proc = FailedProcess.newBuilder().setName("proc1").setStderr("faaaaaail").setState(100).setExitCode(-1)
        .setStopTimestamp(25242);
    h.heartbeat(HeartbeatRequest.newBuilder().setNodeId("n").setState(HEALTH_STATE_PROCESS_ERROR)
        .addFailedProcesses(proc).build(), 5);
    h.doctor(5);
    assertThat(h.health("n")).isEqualTo(HEALTH_STATE_PROCESS_ERROR);
    h.heartbeat(HeartbeatRequest.newBuilder().setNodeId("n").setState(HEALTH_STATE_PROCESS_ERROR)
        .addFailedProcesses(proc.clone().clearStderr()).build(), 8);
    var errors = h.instance("n").getErrorsList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).getProcess().getStderr()).isEqualTo("faaaaaail");
  }

  @Test
  void scenario45_recoveryTimelineForANewDoctor() {
    h.seed("n1", InstanceState.RUNNING, 50, HealthState.OK, "");
    h.seed("n2", InstanceState.RUNNING, 90, HealthState.UNKNOWN, "");
    h.seed("n3", InstanceState.TERMINATED, 90, HealthState.UNKNOWN, "");
    h.seed("n4", InstanceState.RUNNING, 95, HealthState.UNKNOWN, "");
    h.seed("n5", InstanceState.RUNNING, 95, HealthState.OK, "");
    h.seed("n6", InstanceState.RUNNING, 95, HealthState.PROCESS_ERROR, "");
    h.seed("n7", InstanceState.TERMINATED, 80, HealthState.ZOMBIE, "");
    var ok = HEALTH_STATE_OK;
    var unknown = HEALTH_STATE_UNKNOWN;
    h.doctor(100);
    assertHealth(Map.of("n1", ok, "n5", ok, "n2", unknown, "n3", unknown, "n4", unknown, "n7", unknown,
        "n6", HEALTH_STATE_PROCESS_ERROR));
    h.doctor(105);
    assertHealth(Map.of("n1", ok, "n5", ok, "n2", unknown, "n3", unknown, "n4", unknown, "n7", unknown,
        "n6", HEALTH_STATE_PROCESS_ERROR));
    h.ok("n5", 105);
    h.ok("n7", 105);
    h.heartbeat(processError("n6", "a"), 105);
    h.doctor(106);
    assertHealth(Map.of("n5", ok, "n1", HEALTH_STATE_OUT_OF_CONTACT, "n2", unknown, "n3", unknown, "n4", unknown,
        "n6", HEALTH_STATE_PROCESS_ERROR, "n7", HEALTH_STATE_ZOMBIE));
    h.ok("n5", 110);
    h.doctor(110);
    assertHealth(Map.of("n5", ok, "n1", HEALTH_STATE_MISSING, "n2", unknown, "n3", unknown, "n4", unknown,
        "n6", HEALTH_STATE_PROCESS_ERROR, "n7", HEALTH_STATE_ZOMBIE));
    h.ok("n4", 110);
    h.heartbeat(processError("n6", "a"), 110);
    h.doctor(111);
    assertHealth(Map.of("n4", ok, "n5", ok, "n1", HEALTH_STATE_MISSING, "n2", HEALTH_STATE_OUT_OF_CONTACT,
        "n3", unknown, "n6", HEALTH_STATE_PROCESS_ERROR, "n7", HEALTH_STATE_ZOMBIE));
  }

  @Test
  void scenario46_defibrillatorSuccess() throws Exception {
    try (FakeAgent replying = new FakeAgent(node -> h.ok(node, 106))) {
      h.seed("n1", InstanceState.RUNNING, 50, HealthState.OK, replying.address());
      assertThat(h.doctor(100).getProbes()).isZero();
      assertThat(h.doctor(105).getProbes()).isZero();
      assertThat(h.doctor(106).getProbes()).isEqualTo(1);
      assertThat(replying.awaitProbe()).isEqualTo("n1");
      assertThat(h.health("n1")).isEqualTo(HEALTH_STATE_OK);
      assertThat(replying.probes).hasSize(1);
    }
  }

  @Test
  void scenario47_defibrillatorFailure() throws Exception {
    h.seed("n1", InstanceState.RUNNING, 50, HealthState.OK, silentAgent.address());
    h.doctor(100);
    h.doctor(105);
    assertThat(h.doctor(106).getProbes()).isEqualTo(1);
    assertThat(silentAgent.awaitProbe()).isEqualTo("n1");
    assertThat(h.health("n1")).isEqualTo(HEALTH_STATE_OUT_OF_CONTACT);
    assertThat(h.doctor(110).getProbes()).isZero();
    assertThat(h.health("n1")).isEqualTo(HEALTH_STATE_MISSING);
    assertThat(silentAgent.probes).hasSize(1);
  }

  @Test
  void scenario49_noMonitorWhenHealthIsOff() {
    server.as("david").management().reconfigureDomain(org.epum.proto.v1.ReconfigureDomainRequest.newBuilder()
        .setDomainId("epuX").setConfig(org.epum.server.testing.Protos.struct(
            "{\"health\": {\"monitor_health\": false}}")).build());
    h.seed("n1", InstanceState.RUNNING, 0, HealthState.UNKNOWN, "");
    assertThat(h.doctor(1000).getTransitionsList()).isEmpty();
    assertThat(h.health("n1")).isEqualTo(HEALTH_STATE_UNKNOWN);
  }

  @Test
  void healthConfigChangesApplyOnTheNextPass() {
    h.seed("n1", InstanceState.RUNNING, 0, HealthState.UNKNOWN, "");
    h.doctor(0);
    h.doctor(9);
    assertThat(h.health("n1")).isEqualTo(HEALTH_STATE_UNKNOWN);
    server.as("david").management().reconfigureDomain(org.epum.proto.v1.ReconfigureDomainRequest.newBuilder()
        .setDomainId("epuX").setConfig(org.epum.server.testing.Protos.struct(
            "{\"health\": {\"boot_timeout\": 3}}")).build());
    h.doctor(9);
    assertThat(h.health("n1")).isEqualTo(HEALTH_STATE_OUT_OF_CONTACT);
  }

  private void runningAndOk(String id, long t) {
    h.seed(id, InstanceState.RUNNING, t, HealthState.UNKNOWN, "");
    h.ok(id, t);
    h.doctor(t);
    assertThat(h.health(id)).isEqualTo(HEALTH_STATE_OK);
  }

  private static HeartbeatRequest processError(String id, String proc) {
    return HeartbeatRequest.newBuilder().setNodeId(id).setState(HEALTH_STATE_PROCESS_ERROR)
        .addFailedProcesses(FailedProcess.newBuilder().setName(proc)).build();
  }

  private void assertHealth(Map<String, org.epum.proto.v1.HealthState> expected) {
    expected.forEach((id, health) -> assertThat(h.health(id)).as(id).isEqualTo(health));
  }
}
