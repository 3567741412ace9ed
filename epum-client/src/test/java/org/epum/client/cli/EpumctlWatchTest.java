package org.epum.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.util.List;
import org.epum.proto.v1.Decision;
import org.epum.proto.v1.DecisionAction;
import org.epum.proto.v1.DecisionReason;
import org.epum.proto.v1.DomainEvent;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.InstanceStateChanged;
import org.epum.proto.v1.WatchDomainRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EpumctlWatchTest {
  private static final Timestamp T0 = Timestamp.newBuilder().setSeconds(1714521600).build();
  private static final List<DomainEvent> EVENTS = List.of(
      DomainEvent.newBuilder().setSequence(7).setTime(T0).setDomainId("d1")
          .setInstanceState(InstanceStateChanged.newBuilder().setInstanceId("i-1")
              .setFrom(InstanceState.INSTANCE_STATE_STARTED).setTo(InstanceState.INSTANCE_STATE_RUNNING)).build(),
      DomainEvent.newBuilder().setSequence(8).setTime(T0).setDomainId("d1")
          .setDecision(Decision.newBuilder().setAction(DecisionAction.DECISION_ACTION_NONE)
              .setReason(DecisionReason.DECISION_REASON_AT_TARGET).setMessage("1 of 1")).build());

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
  void printsOneLinePerEventUntilTheStreamEnds() {
    cli.replies().reply("watchDomain", EVENTS);
    var r = cli.run("domain", "watch", "d1", "--from", "6");
    assertThat(r.exitCode()).as(r.err()).isZero();
    var lines = r.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("7  ").contains("instance_state", "i-1").contains("RUNNING");
    assertThat(lines.get(1)).startsWith("8  ").contains("decision");
    WatchDomainRequest req = cli.replies().request("watchDomain");
    assertThat(req.getDomainId()).isEqualTo("d1");
    assertThat(req.getAfterSequence()).isEqualTo(6);
  }

  @Test
  void jsonIsOneObjectPerLine() throws Exception {
    cli.replies().reply("watchDomain", EVENTS);
    var r = cli.run("-o", "json", "domain", "watch", "d1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    var lines = r.out().lines().toList();
    assertThat(lines).hasSize(2);
    var first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("sequence").asLong()).isEqualTo(7);
    assertThat(first.get("kind").asText()).isEqualTo("instance_state");
    assertThat(first.get("instance_state").get("instance_id").asText()).isEqualTo("i-1");
    assertThat(new ObjectMapper().readTree(lines.get(1)).get("kind").asText()).isEqualTo("decision");
    assertThat(((WatchDomainRequest) cli.replies().request("watchDomain")).getAfterSequence()).isZero();
  }

  @Test
  void anUnknownDomainFailsWithTheNotFoundExitCode() {
    cli.replies().reply("watchDomain", Status.NOT_FOUND.withDescription("domain d9 not found"));
    var r = cli.run("domain", "watch", "d9");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("d9");
  }
}
