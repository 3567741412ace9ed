package org.epum.server.decider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.failsWith;

import io.grpc.Status;
import java.util.List;
import org.epum.proto.v1.DecisionAction;
import org.epum.proto.v1.DecisionReason;
import org.epum.proto.v1.DomainLifecycle;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.InstanceState;
import org.junit.jupiter.api.Test;

/** Scenarios 20 and 21: removing a domain terminates its instances, then deletes it. */
class RemovalIT extends DeciderITBase {
  @Test
  void scenario20_removeTerminatesEveryInstanceThenDeletesTheDomain() {
    simplest("d", 2);
    decide();
    List<String> launched = provisioner.provisionedIds();
    assertThat(launched).hasSize(2);

    assertThat(remove("d").getLifecycle()).isEqualTo(DomainLifecycle.DOMAIN_LIFECYCLE_REMOVING);
    decide();
    assertThat(provisioner.terminatedIds()).containsExactlyInAnyOrderElementsOf(launched);
    assertThat(provisioner.terminatedCount()).isEqualTo(2);
    assertThat(domainIds()).containsExactly("d");
    assertThat(decisions("d", DecisionAction.DECISION_ACTION_TERMINATE, DecisionReason.DECISION_REASON_DOMAIN_REMOVING))
        .flatExtracting(d -> d.getInstanceIdsList()).containsExactlyInAnyOrderElementsOf(launched);

    report(launched.get(0), InstanceState.INSTANCE_STATE_TERMINATED);
    decide();
    assertThat(domainIds()).as("one instance is still terminating").containsExactly("d");
    assertThat(provisioner.provisionCount()).as("a removing domain never launches").isEqualTo(2);

    report(launched.get(1), InstanceState.INSTANCE_STATE_TERMINATED);
    var response = decide();
    assertThat(pass(response, owner, "d").getDeleted()).isTrue();
    assertThat(domainIds()).isEmpty();
    failsWith(Status.Code.NOT_FOUND, () -> describe("d"));
    assertThat(provisioner.terminatedCount()).isEqualTo(2);
  }

  @Test
  void scenario21_removeBeforeAnyPassLaunchesNothing() {
    simplest("d", 2);
    remove("d");
    decide();
    assertThat(provisioner.provisionCount()).isZero();
    assertThat(domainIds()).isEmpty();
  }

  @Test
  void scenario21_removeWhileLaunchingTerminatesEveryLaunch() {
    simplest("d", 2);
    decide();
    remove("d");
    decide();
    List<String> launched = provisioner.provisionedIds();
    assertThat(provisioner.terminatedIds()).containsExactlyInAnyOrderElementsOf(launched);

    // the provisioner's reports of the launches arrive late, after the terminate
    launched.forEach(id -> report(id, InstanceState.INSTANCE_STATE_PENDING));
    assertThat(instances("d")).extracting(Instance::getState).containsOnly(InstanceState.INSTANCE_STATE_TERMINATING);
    launched.forEach(id -> report(id, InstanceState.INSTANCE_STATE_TERMINATED));
    decide();
    assertThat(domainIds()).isEmpty();
    assertThat(provisioner.provisionCount()).isEqualTo(2);
  }

  @Test
  void scenario21_instancesTheProvisionerNeverKnewDoNotHoldTheDomainForever() {
    provisioner.acceptOnlyKnown.set(true);
    provisioner.failCalls.set(true);
    simplest("d", 2);
    decide();
    assertThat(provisioner.provisionCount()).as("the provisioner was down").isZero();
    assertThat(instances("d")).hasSize(2).extracting(Instance::getState)
        .containsOnly(InstanceState.INSTANCE_STATE_REQUESTING);

    remove("d");
    provisioner.failCalls.set(false);
    decide();
    assertThat(provisioner.provisionCount()).as("a removed domain's pending launches are not retried").isZero();
    assertThat(provisioner.terminatedCount()).isEqualTo(2);
    // the provisioner ignored both ids: nothing will ever report them TERMINATED
    assertThat(instances("d")).extracting(Instance::getState).containsOnly(InstanceState.INSTANCE_STATE_TERMINATED);

    decide();
    assertThat(domainIds()).isEmpty();
  }

  @Test
  void scenario21_removedDomainsUnansweredLaunchesAreTerminatedNotResent() {
    provisioner.failCalls.set(true);
    simplest("d", 2);
    decide();
    List<String> requested = instances("d").stream().map(Instance::getInstanceId).toList();
    remove("d");
    provisioner.failCalls.set(false);
    advance(60); // well past the retry interval: the launches are due for a re-send

    decide();

    assertThat(provisioner.provisionCount()).isZero();
    assertThat(provisioner.terminatedIds()).containsExactlyInAnyOrderElementsOf(requested);
    assertThat(decisions("d", DecisionAction.DECISION_ACTION_LAUNCH, DecisionReason.DECISION_REASON_RETRY_LAUNCH))
        .isEmpty();
  }
}
