package org.epum.server.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.at;
import static org.epum.server.testing.Protos.struct;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.epum.client.agent.AgentSettings;
import org.epum.client.agent.EpumAgent;
import org.epum.client.agent.SupervisedCommand;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.HealthState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.store.Fence;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.RunDoctorRequest;
import org.epum.proto.v1.SetClockRequest;
import org.epum.server.testing.ServerITBase;
import org.epum.server.testing.StoreWaits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The epum-agent, run in-process, against a real server (ZooKeeper store, loopback gRPC, manual
 * clock): its heartbeats make an instance OK, a supervised command that exits non-zero makes it
 * PROCESS_ERROR with the process listed, and the doctor's DumpState probe makes it send one now.
 */
class AgentHeartbeatIT extends ServerITBase {
  static final String HEALTH = "{\"monitor_health\": true, \"boot_timeout\": 10, \"missing_timeout\": 5, "
      + "\"really_missing_timeout\": 3, \"zombie_seconds\": 10}";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final DomainKey DOMAIN = new DomainKey("david", "agents");
  private static final long T0 = 1_000;

  @TempDir Path dir;
  private String id;
  private EpumAgent agent;

  @BeforeEach
  void domain() {
    server.stubs().management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("def")
        .setConfig(struct("{\"health\": " + HEALTH + "}")).build());
    server.as("david").management().addDomain(AddDomainRequest.newBuilder().setDomainId("agents")
        .setDefinitionId("def").setConfig(struct("{\"engine_conf\": {\"preserve_n\": 0}}")).build());
    server.stubs().admin().setClock(SetClockRequest.newBuilder().setAt(at(T0)).build());
    id = UUID.randomUUID().toString();
    server.store().createInstance(DOMAIN, InstanceRecord.requesting(id, Instant.ofEpochSecond(T0))
        .state(InstanceState.RUNNING).build(), Fence.NONE);
  }

  @AfterEach
  void stopAgent() {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void heartbeatsMakeTheInstanceOkAndCarryTheAgentAddressAndLoad() throws Exception {
    agent = start(Duration.ofMillis(200), AgentSettings.Transport.STREAM, List.of());
    InstanceRecord r = await(i -> i.health() == HealthState.OK, "OK");
    assertThat(r.agentAddress()).isEqualTo(agent.address());
    assertThat(r.lastHeartbeat()).isEqualTo(Instant.ofEpochSecond(T0));
  }

  @Test
  void unaryHeartbeatsWorkToo() throws Exception {
    agent = start(Duration.ofMillis(200), AgentSettings.Transport.UNARY, List.of());
    await(i -> i.health() == HealthState.OK, "OK");
  }

  @Test
  void aSupervisedCommandExitingNonZeroMakesItProcessError() throws Exception {
    Path flag = dir.resolve("fail-now");
    agent = start(Duration.ofHours(1), AgentSettings.Transport.STREAM, List.of(new SupervisedCommand("worker",
        "while [ ! -e '" + flag + "' ]; do sleep 0.05; done; echo boom >&2; exit 3")));
    await(i -> i.health() == HealthState.OK, "OK");
    Files.createFile(flag);
    InstanceRecord r = await(i -> i.health() == HealthState.PROCESS_ERROR, "PROCESS_ERROR");
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.process().name()).isEqualTo("worker");
      assertThat(e.process().exitCode()).isEqualTo(3);
      assertThat(e.process().stderr()).isEqualTo("boom\n");
      assertThat(e.process().stopTimestamp()).isPositive();
    });
  }

  @Test
  void theDoctorsProbeMakesItSendAHeartbeatNow() throws Exception {
    agent = start(Duration.ofHours(1), AgentSettings.Transport.STREAM, List.of());
    await(i -> i.health() == HealthState.OK, "OK");
    long sentBefore = agent.core().sent();
    long probeAt = T0 + 6;
    var pass = server.stubs().admin().runDoctor(RunDoctorRequest.newBuilder().setAt(at(probeAt)).build());
    assertThat(pass.getProbes()).isEqualTo(1);
    // Only the probe can have caused a heartbeat at the doctor's time: the interval is an hour.
    InstanceRecord r = await(i -> i.health() == HealthState.OK && i.lastHeartbeat() != null
        && i.lastHeartbeat().equals(Instant.ofEpochSecond(probeAt)), "OK again after the probe");
    assertThat(r.agentAddress()).isEqualTo(agent.address());
    assertThat(agent.core().sent()).isGreaterThan(sentBefore);
  }

  private EpumAgent start(Duration interval, AgentSettings.Transport transport, List<SupervisedCommand> supervise) {
    return EpumAgent.start(new AgentSettings(id, server.target(), null, interval, transport, Duration.ofSeconds(10),
        supervise, null, "127.0.0.1:0", null), Clock.systemUTC());
  }

  private InstanceRecord await(Predicate<InstanceRecord> condition, String what) throws InterruptedException {
    return StoreWaits.awaitInstance(server.store(), DOMAIN, id, condition, what, WAIT);
  }
}
