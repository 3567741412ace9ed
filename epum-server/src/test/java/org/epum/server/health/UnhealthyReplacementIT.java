package org.epum.server.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.proto.v1.HealthState.HEALTH_STATE_MISSING;
import static org.epum.proto.v1.HealthState.HEALTH_STATE_OK;
import static org.epum.proto.v1.HealthState.HEALTH_STATE_OUT_OF_CONTACT;
import static org.epum.proto.v1.HealthState.HEALTH_STATE_ZOMBIE;
import static org.epum.proto.v1.InstanceState.INSTANCE_STATE_RUNNING;
import static org.epum.proto.v1.InstanceState.INSTANCE_STATE_TERMINATED;

import java.util.List;
import org.epum.proto.v1.HeartbeatRequest;
import org.epum.proto.v1.RunDeciderRequest;
import org.epum.server.testing.FakeAgent;
import org.epum.server.testing.ServerITBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scenario 48: the doctor's verdicts drive the engine. A MISSING instance is terminated and
 * replaced on the next decide; a ZOMBIE is terminated again, at most once per retry interval, and
 * never replaced (it is already terminated).
 */
class UnhealthyReplacementIT extends ServerITBase {
  private HealthHarness h;
  private FakeAgent silentAgent;

  @Override
  protected String extraConfig() {
    return "decider: {retry_interval: 15s}\n";
  }

  @BeforeEach
  void domain() throws Exception {
    h = new HealthHarness(server, "david", "epuX", "{\"preserve_n\": 1}");
    silentAgent = new FakeAgent(null);
  }

  @AfterEach
  void agent() throws InterruptedException {
    silentAgent.close();
  }

  @Test
  void scenario48_missingInstanceIsReplacedAndAZombieIsReTerminatedWithoutALaunch() throws Exception {
    h.clock(0);
    decide();
    assertThat(provisioner.provisionedIds()).hasSize(1);
    String first = provisioner.provisionedIds().get(0);
    h.report(first, INSTANCE_STATE_RUNNING, 0);
    h.heartbeat(HeartbeatRequest.newBuilder().setNodeId(first).setState(org.epum.proto.v1.HealthState.HEALTH_STATE_OK)
        .setAgentAddress(silentAgent.address()).build(), 0);
    assertThat(h.health(first)).isEqualTo(HEALTH_STATE_OK);

    decide();
    assertThat(provisioner.provisionCount()).as("a healthy domain at target launches nothing").isEqualTo(1);

    h.doctor(6);
    assertThat(h.health(first)).isEqualTo(HEALTH_STATE_OUT_OF_CONTACT);
    assertThat(silentAgent.awaitProbe()).isEqualTo(first);
    h.doctor(10);
    assertThat(h.health(first)).isEqualTo(HEALTH_STATE_MISSING);

    decide();
    assertThat(provisioner.terminatedIds()).containsExactly(first);
    assertThat(provisioner.provisionCount()).isEqualTo(2);
    String replacement = provisioner.provisionedIds().get(1);
    assertThat(replacement).isNotEqualTo(first);

    // The provider reports the old instance gone, but its agent is still heartbeating: a zombie.
    h.report(first, INSTANCE_STATE_TERMINATED, 20);
    h.report(replacement, INSTANCE_STATE_RUNNING, 20);
    h.heartbeat(HeartbeatRequest.newBuilder().setNodeId(first).setState(org.epum.proto.v1.HealthState.HEALTH_STATE_OK)
        .build(), 31);
    h.doctor(31);
    assertThat(h.health(first)).isEqualTo(HEALTH_STATE_ZOMBIE);

    decide();
    assertThat(provisioner.terminatedIds()).as("the zombie is terminated again").containsExactly(first, first);
    assertThat(provisioner.provisionCount()).as("a zombie is not replaced").isEqualTo(2);

    decide();
    assertThat(provisioner.terminatedIds()).as("throttled: not again within the retry interval")
        .containsExactly(first, first);

    h.clock(31 + 15);
    decide();
    assertThat(provisioner.terminatedIds()).as("again once the retry interval has passed")
        .containsExactly(first, first, first);
    assertThat(provisioner.provisionCount()).isEqualTo(2);
    assertThat(List.copyOf(provisioner.terminatedIds())).doesNotContain(replacement);
  }

  private void decide() {
    server.stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance());
  }
}
