package org.epum.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.epum.client.ConfigStructs;
import org.epum.proto.v1.Decision;
import org.epum.proto.v1.DecisionAction;
import org.epum.proto.v1.DecisionReason;
import org.epum.proto.v1.Definition;
import org.epum.proto.v1.DomainEvent;
import org.epum.proto.v1.DomainPass;
import org.epum.proto.v1.GetLeadersResponse;
import org.epum.proto.v1.HealthChanged;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.InstanceStateChanged;
import org.epum.proto.v1.ListDefinitionsResponse;
import org.epum.proto.v1.ListDomainEventsRequest;
import org.epum.proto.v1.ListDomainEventsResponse;
import org.epum.proto.v1.RoleLeader;
import org.epum.proto.v1.RunDeciderResponse;
import org.epum.proto.v1.RunReaperRequest;
import org.epum.proto.v1.RunReaperResponse;
import org.epum.proto.v1.ServerStatus;
import org.epum.proto.v1.SetClockRequest;
import org.epum.proto.v1.SetClockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EpumctlAdminAndEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Timestamp T0 = Timestamp.newBuilder().setSeconds(1714521600).build();

  private CliHarness cli;

  @BeforeEach
  void start() {
    cli = new CliHarness();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void eventsTableAndJson() throws Exception {
    cli.replies().reply("listDomainEvents", ListDomainEventsResponse.newBuilder()
        .addEvents(DomainEvent.newBuilder().setSequence(1).setTime(T0).setDomainId("d1")
            .setInstanceState(InstanceStateChanged.newBuilder().setInstanceId("i-1")
                .setFrom(InstanceState.INSTANCE_STATE_PENDING)
                .setTo(InstanceState.INSTANCE_STATE_RUNNING)))
        .addEvents(DomainEvent.newBuilder().setSequence(2).setTime(T0).setDomainId("d1")
            .setHealth(HealthChanged.newBuilder().setInstanceId("i-1")
                .setFrom(HealthState.HEALTH_STATE_UNKNOWN).setTo(HealthState.HEALTH_STATE_OK)))
        .addEvents(DomainEvent.newBuilder().setSequence(3).setTime(T0).setDomainId("d1")
            .setDecision(launch()))
        .setLastSequence(3).build());

    CliHarness.Result table = cli.run("domain", "events", "d1", "--after", "0", "--limit", "10");
    CliHarness.Result json = cli.run("domain", "events", "d1", "-o", "json");

    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out()).isEqualTo("""
        SEQ  TIME                  KIND            DETAIL
        1    2024-05-01T00:00:00Z  instance_state  i-1 400-PENDING -> 600-RUNNING
        2    2024-05-01T00:00:00Z  health          i-1 UNKNOWN -> OK
        3    2024-05-01T00:00:00Z  decision        LAUNCH BELOW_TARGET [i-2]: 1 of 2; launching 1
        """);
    ListDomainEventsRequest req = cli.replies().request("listDomainEvents");
    assertThat(req.getLimit()).isZero(); // the json run sent the defaults
    JsonNode doc = JSON.readTree(json.out());
    assertThat(doc.get("last_sequence").asLong()).isEqualTo(3);
    assertThat(doc.at("/events/0/kind").asText()).isEqualTo("instance_state");
    assertThat(doc.at("/events/0/instance_state/to").asText()).isEqualTo("600-RUNNING");
    assertThat(doc.at("/events/2/decision/action").asText()).isEqualTo("LAUNCH");
    assertThat(doc.at("/events/2/decision/instance_ids/0").asText()).isEqualTo("i-2");
  }

  @Test
  void statusAndLeaders() throws Exception {
    cli.replies().reply("getServerStatus", ServerStatus.newBuilder().setReplicaId("r1:host:42")
        .setVersion("0.1.0").setStore("embedded").setStoreAvailable(true).setExternalDecide(true)
        .setNow(T0).setStarted(T0).addLeading("decider").setListen("127.0.0.1:7650").build());
    cli.replies().reply("getLeaders", GetLeadersResponse.newBuilder()
        .addLeaders(RoleLeader.newBuilder().setRole("decider").setLeaderId("r1").setEpoch(4)
            .addParticipants("r1").addParticipants("r2"))
        .build());

    CliHarness.Result status = cli.run("admin", "status");
    CliHarness.Result statusJson = cli.run("admin", "status", "-o", "json");
    CliHarness.Result leaders = cli.run("admin", "leaders");
    CliHarness.Result leadersJson = cli.run("admin", "leaders", "-o", "json");

    assertThat(status.out()).contains("Store:            embedded (available)")
        .contains("External decide:  true");
    assertThat(JSON.readTree(statusJson.out()).get("leading").get(0).asText()).isEqualTo("decider");
    assertThat(leaders.out()).isEqualTo("""
        ROLE     LEADER  EPOCH  PARTICIPANTS
        decider  r1      4      r1, r2
        """);
    assertThat(JSON.readTree(leadersJson.out()).get(0).get("epoch").asLong()).isEqualTo(4);
  }

  @Test
  void decideReapAndClock() throws Exception {
    cli.replies().reply("runDecider", RunDeciderResponse.newBuilder()
        .addDomains(DomainPass.newBuilder().setOwner("alice").setDomainId("d1").addDecisions(launch()))
        .addDomains(DomainPass.newBuilder().setOwner("bob").setDomainId("d2").setError("boom"))
        .build());
    cli.replies().reply("runReaper", RunReaperResponse.getDefaultInstance());
    cli.replies().reply("setClock", SetClockResponse.newBuilder().setNow(T0).build());

    CliHarness.Result decide = cli.run("admin", "decide");
    CliHarness.Result decideJson = cli.run("admin", "decide", "-o", "json");
    CliHarness.Result reap = cli.run("admin", "reap", "--at", "2024-05-01T02:00:00Z");
    CliHarness.Result clock = cli.run("admin", "clock", "--set", "2024-05-01T00:00:00Z");

    assertThat(decide.out()).isEqualTo("""
        decider pass ran over 2 domain(s)
        OWNER  DOMAIN  DECISION                                        ERROR  DELETED
        alice  d1      LAUNCH BELOW_TARGET [i-2]: 1 of 2; launching 1  -      -
        bob    d2      -                                               boom   -
        """);
    JsonNode doc = JSON.readTree(decideJson.out());
    assertThat(doc.at("/domains/0/decisions/0/reason").asText()).isEqualTo("BELOW_TARGET");
    assertThat(doc.at("/domains/1/error").asText()).isEqualTo("boom");
    assertThat(doc.at("/domains/0/error").isNull()).isTrue();
    assertThat(reap.out()).isEqualTo("reaper pass: 0 instance record(s) deleted\n");
    RunReaperRequest reapReq = cli.replies().request("runReaper");
    assertThat(reapReq.getAt().getSeconds())
        .isEqualTo(Instant.parse("2024-05-01T02:00:00Z").getEpochSecond());
    assertThat(clock.out()).isEqualTo("server clock set to 2024-05-01T00:00:00Z\n");
    assertThat(((SetClockRequest) cli.replies().request("setClock")).getAt()).isEqualTo(T0);
  }

  @Test
  void definitionDescribeAndList() throws Exception {
    Definition def = Definition.newBuilder().setDefinitionId("def1").setVersion(2)
        .setDescription("keeps two").setDocumentation("Simplest engine.\nKeeps preserve_n alive.")
        .setConfig(ConfigStructs.toStruct(Map.of("general", Map.of("engine_class", "simplest"))))
        .setCreateTime(T0).setUpdateTime(T0).build();
    cli.replies().reply("describeDefinition", def);
    cli.replies().reply("listDefinitions", ListDefinitionsResponse.newBuilder()
        .addDefinitionIds("def1").addDefinitions(def).build());

    CliHarness.Result describe = cli.run("definition", "describe", "def1");
    CliHarness.Result list = cli.run("definition", "list");
    CliHarness.Result listJson = cli.run("definition", "list", "-o", "json");

    assertThat(describe.out()).isEqualTo("""
        Definition:   def1
        Version:      2
        Description:  keeps two
        Created:      2024-05-01T00:00:00Z
        Updated:      2024-05-01T00:00:00Z
        Config:
          general:
            engine_class: simplest
        Documentation:
          Simplest engine.
          Keeps preserve_n alive.
        """);
    assertThat(list.out()).isEqualTo("""
        DEFINITION  VERSION  ENGINE    DESCRIPTION  UPDATED
        def1        2        simplest  keeps two    2024-05-01T00:00:00Z
        """);
    JsonNode doc = JSON.readTree(listJson.out());
    assertThat(doc.isArray()).isTrue();
    assertThat(doc.at("/0/config/general/engine_class").asText()).isEqualTo("simplest");
    assertThat(doc.at("/0/version").asLong()).isEqualTo(2);
  }

  private static Decision launch() {
    return Decision.newBuilder().setAction(DecisionAction.DECISION_ACTION_LAUNCH)
        .setReason(DecisionReason.DECISION_REASON_BELOW_TARGET).addInstanceIds("i-2")
        .setMessage("1 of 2; launching 1").build();
  }
}
