package org.epum.server.decider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.epum.proto.v1.DecisionAction;
import org.epum.proto.v1.DecisionReason;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.ProvisionRequest;
import org.junit.jupiter.api.Test;

/** Scenario 24: unanswered provision and terminate calls are re-sent once per retry interval. */
class RetriesIT extends DeciderITBase {
  /** Seconds; the manual clock is moved past it instead of waiting. */
  private static final long RETRY = 7;

  @Override
  protected String extraConfig() {
    return "decider: {retry_interval: " + RETRY + "s}\n";
  }

  @Test
  void scenario24_launchAndTerminateRetries() {
    simplest("d", 2);
    decide();
    assertThat(provisioner.provisionCount()).isEqualTo(2);
    decide();
    assertThat(provisioner.provisionCount()).as("not yet due").isEqualTo(2);

    String a = provisioner.provisions.get(0).getInstanceId();
    String b = provisioner.provisions.get(1).getInstanceId();
    report(a, InstanceState.INSTANCE_STATE_REQUESTED);
    advance(RETRY - 1);
    decide();
    assertThat(provisioner.provisionCount()).as("still within the retry interval").isEqualTo(2);

    advance(1);
    decide();
    assertThat(provisioner.provisionCount()).isEqualTo(3);
    assertThat(provisioner.provisionedIds()).containsOnly(a, b);
    ProvisionRequest resent = provisioner.provisions.get(2);
    assertThat(resent.getInstanceId()).isEqualTo(b);
    assertThat(resent.getLaunchId()).isEqualTo(provisioner.provisions.get(1).getLaunchId());
    assertThat(resent.getVars()).isEqualTo(provisioner.provisions.get(1).getVars());
    assertThat(decisions("d", DecisionAction.DECISION_ACTION_LAUNCH, DecisionReason.DECISION_REASON_RETRY_LAUNCH))
        .singleElement().satisfies(d -> assertThat(d.getInstanceIdsList()).containsExactly(b));

    reconfigure("d", preserve(0));
    decide();
    assertThat(provisioner.provisionCount()).isEqualTo(3);
    assertThat(provisioner.terminatedIds()).containsExactlyInAnyOrder(a, b);
    decide();
    assertThat(provisioner.terminatedCount()).as("not yet due").isEqualTo(2);

    report(a, InstanceState.INSTANCE_STATE_TERMINATED);
    advance(RETRY);
    decide();
    decide();
    assertThat(provisioner.terminatedCount()).isEqualTo(3);
    assertThat(provisioner.terminations.get(provisioner.terminations.size() - 1).getInstanceIdsList())
        .containsExactly(b);
    assertThat(decisions("d", DecisionAction.DECISION_ACTION_TERMINATE, DecisionReason.DECISION_REASON_RETRY_TERMINATE))
        .singleElement().satisfies(d -> assertThat(d.getInstanceIdsList()).containsExactly(b));
    assertThat(provisioner.provisionCount()).isEqualTo(3);
  }

  @Test
  void launchesLostWhileTheProvisionerIsDownAreSentAgainWithTheSameIds() {
    provisioner.failCalls.set(true);
    simplest("d", 2);
    decide();
    assertThat(provisioner.provisionCount()).isZero();

    provisioner.failCalls.set(false);
    advance(RETRY);
    decide();
    assertThat(provisioner.provisionCount()).isEqualTo(2);
    List<String> ids = instances("d").stream().map(org.epum.proto.v1.Instance::getInstanceId).toList();
    assertThat(provisioner.provisionedIds()).containsExactlyInAnyOrderElementsOf(ids);
  }
}
