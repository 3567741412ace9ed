package org.epum.server.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.at;
import static org.epum.server.testing.Protos.struct;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceRecord;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.InstanceStateReport;
import org.epum.proto.v1.RunDeciderRequest;
import org.epum.proto.v1.RunDoctorRequest;
import org.epum.proto.v1.SetClockRequest;
import org.epum.server.testing.ServerITBase;
import org.epum.server.testing.StoreWaits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * epum-agent as a real OS process (java with the test classpath) against a server in
 * external-decide mode with a health-monitored simplest domain (preserve_n 1): its heartbeats
 * make the launched instance OK; once it is killed, doctor passes at later manual times make the
 * instance OUT_OF_CONTACT then MISSING at the domain's timeouts, and the next decider pass
 * terminates it and launches a replacement.
 */
class AgentProcessIT extends ServerITBase {
  private static final DomainKey DOMAIN = new DomainKey("david", "workers");
  private static final long T0 = 1_000;
  private Process agent;

  @AfterEach
  void killAgent() throws InterruptedException {
    if (agent != null && agent.isAlive()) {
      agent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aKilledAgentsInstanceGoesMissingAndIsReplaced() throws Exception {
    server.stubs().management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("def")
        .setConfig(struct("{\"health\": " + AgentHeartbeatIT.HEALTH + "}")).build());
    server.as("david").management().addDomain(AddDomainRequest.newBuilder().setDomainId("workers")
        .setDefinitionId("def").setConfig(struct("{\"engine_conf\": {\"preserve_n\": 1}}")).build());
    var admin = server.stubs().admin();
    admin.setClock(SetClockRequest.newBuilder().setAt(at(T0)).build());
    admin.runDecider(RunDeciderRequest.getDefaultInstance());
    assertThat(provisioner.provisionedIds()).hasSize(1);
    String id = provisioner.provisionedIds().get(0);
    server.stubs().instanceStates().reportInstanceState(InstanceStateReport.newBuilder().setNodeId(id)
        .setState(org.epum.proto.v1.InstanceState.INSTANCE_STATE_RUNNING).build());

    agent = startAgent(id);
    InstanceRecord ok = StoreWaits.awaitInstance(server.store(), DOMAIN, id, i -> i.health() == HealthState.OK,
        "OK from the agent process", Duration.ofSeconds(60));
    assertThat(ok.agentAddress()).startsWith("127.0.0.1:");
    assertThat(ok.lastHeartbeat()).isEqualTo(Instant.ofEpochSecond(T0));

    agent.destroyForcibly();
    assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("agent process exits when killed").isTrue();

    // missing_timeout 5: OUT_OF_CONTACT (and a probe, which finds nobody) once 5 s have passed...
    admin.runDoctor(RunDoctorRequest.newBuilder().setAt(at(T0 + 5)).build());
    assertThat(health(id)).isEqualTo(HealthState.OK);
    var pass = admin.runDoctor(RunDoctorRequest.newBuilder().setAt(at(T0 + 6)).build());
    assertThat(pass.getProbes()).isEqualTo(1);
    assertThat(health(id)).isEqualTo(HealthState.OUT_OF_CONTACT);
    // ...then MISSING once really_missing_timeout (3 s) passes without an answer.
    admin.runDoctor(RunDoctorRequest.newBuilder().setAt(at(T0 + 9)).build());
    assertThat(health(id)).isEqualTo(HealthState.OUT_OF_CONTACT);
    admin.runDoctor(RunDoctorRequest.newBuilder().setAt(at(T0 + 10)).build());
    assertThat(health(id)).isEqualTo(HealthState.MISSING);

    admin.runDecider(RunDeciderRequest.getDefaultInstance());
    assertThat(provisioner.terminatedIds()).containsExactly(id);
    assertThat(provisioner.provisionedIds()).hasSize(2).doesNotHaveDuplicates();
  }

  private HealthState health(String id) {
    return server.store().instance(DOMAIN, id).orElseThrow().value().health();
  }

  private Process startAgent(String id) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path log = Files.createTempFile("agent-process", ".log");
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    return new ProcessBuilder(List.of(java, "-cp", classpath, "org.epum.client.agent.EpumAgentMain",
        "--node-id", id, "--heartbeat-dest", server.target(), "--interval", "0.2", "--listen", "127.0.0.1:0"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
