package org.epum.server.decider;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Value;
import java.util.List;
import org.epum.proto.v1.DecisionAction;
import org.epum.proto.v1.DecisionReason;
import org.epum.proto.v1.EngineState;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.ProvisionRequest;
import org.junit.jupiter.api.Test;

/** Scenarios 13-16, 23, 25 and 26: simplest/needy keep N live instances through the Provisioner. */
class PreserveNIT extends DeciderITBase {
  @Override
  protected String provisionerConfig() {
    return ", vars: {foo: bar}";
  }

  @Test
  void scenario13_launchesNDistinctInstancesWithTheDefaults() {
    definition("empty", "{}");
    addDomain("d", "empty", preserve(2));

    decide();

    assertThat(provisioner.provisions).hasSize(2);
    assertThat(provisioner.provisions).extracting(ProvisionRequest::getInstanceId).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).isNotEmpty());
    assertThat(provisioner.provisions).extracting(ProvisionRequest::getLaunchId).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).isNotEmpty());
    assertThat(provisioner.provisions).allSatisfy(p -> {
      assertThat(p.getDeployableType()).isEqualTo("epu_work_consumer");
      assertThat(p.getSite()).isEqualTo("ec2-east");
      assertThat(p.getAllocation()).isEqualTo("small");
      assertThat(p.getOwner()).isEqualTo(owner);
    });
    assertThat(instances("d")).extracting(Instance::getInstanceId)
        .containsExactlyInAnyOrderElementsOf(provisioner.provisionedIds());
    assertThat(describe("d").getEngineState()).isEqualTo(EngineState.ENGINE_STATE_PENDING);
    assertThat(decisions("d", DecisionAction.DECISION_ACTION_LAUNCH, DecisionReason.DECISION_REASON_BELOW_TARGET))
        .flatExtracting(d -> d.getInstanceIdsList()).containsExactlyInAnyOrderElementsOf(provisioner.provisionedIds());

    provisioner.provisionedIds().forEach(id -> report(id, InstanceState.INSTANCE_STATE_RUNNING));
    decide();
    assertThat(provisioner.provisions).hasSize(2);
    assertThat(describe("d").getEngineState()).isEqualTo(EngineState.ENGINE_STATE_STABLE);
    assertThat(decisions("d")).last().satisfies(d -> assertThat(d.getReason())
        .isEqualTo(DecisionReason.DECISION_REASON_AT_TARGET));
  }

  @Test
  void scenario11_describeListsEveryInstanceOfALargeDomain() {
    for (int n : new int[] {3, 301}) {
      simplest("d" + n, n);
    }
    decide();
    for (int n : new int[] {3, 301}) {
      List<String> ids = instances("d" + n).stream().map(Instance::getInstanceId).toList();
      assertThat(ids).hasSize(n).doesNotHaveDuplicates();
      assertThat(provisioner.provisionedIds()).containsAll(ids);
    }
    assertThat(provisioner.provisionCount()).isEqualTo(304);
  }

  @Test
  void scenario14_chefCredentialGoesIntoEveryLaunch() {
    definition("empty", "{}");
    addDomain("d", "empty", "{\"engine_conf\": {\"preserve_n\": 2}, \"general\": {\"chef_credential\": \"chef1\"}}");

    decide();

    assertThat(provisioner.provisions).hasSize(2).allSatisfy(p ->
        assertThat(p.getVars().getFieldsOrThrow("chef_credential").getStringValue()).isEqualTo("chef1"));
  }

  @Test
  void scenario15_launchVarsComposeServerVarsExtravarsNodeIdAndHeartbeatDest() {
    definition("needy", "{\"general\": {\"engine_class\": \"needy\"}, \"health\": {\"monitor_health\": false}}");
    addDomain("d", "needy", """
        {"engine_conf": {"preserve_n": 1, "deployable_type": "dt", "iaas_site": "chicago",
         "iaas_allocation": "small", "unique_key": "v1", "unique_values": [1]}}""");

    decide();

    ProvisionRequest p = provisioner.provisions.get(0);
    Instance record = instance("d", p.getInstanceId());
    assertThat(p.getLaunchId()).isEqualTo(record.getLaunchId()).isNotEmpty();
    assertThat(p.getDeployableType()).isEqualTo("dt");
    assertThat(p.getSite()).isEqualTo("chicago");
    assertThat(p.getAllocation()).isEqualTo("small");
    var vars = p.getVars().getFieldsMap();
    assertThat(vars.get("foo")).isEqualTo(Value.newBuilder().setStringValue("bar").build());
    assertThat(vars.get("v1").getNumberValue()).isEqualTo(1.0);
    assertThat(vars.get("node_id").getStringValue()).isEqualTo(p.getInstanceId());
    assertThat(vars.get("heartbeat_dest").getStringValue()).isNotEmpty();
    assertThat(record.getSite()).isEqualTo("chicago");
    assertThat(record.getAllocation()).isEqualTo("small");
    assertThat(record.getDeployableType()).isEqualTo("dt");
    assertThat(record.getExtravars().getFieldsOrThrow("v1").getNumberValue()).isEqualTo(1.0);
  }

  @Test
  void scenario16_reconfigureNUpAndDown() {
    simplest("d", 2);
    decide();
    assertThat(provisioner.provisionCount()).isEqualTo(2);
    assertThat(provisioner.terminatedCount()).isZero();

    reconfigure("d", preserve(4));
    decide();
    assertThat(provisioner.provisionCount()).isEqualTo(4);
    assertThat(provisioner.terminatedCount()).isZero();

    reconfigure("d", preserve(0));
    decide();
    assertThat(provisioner.provisionCount()).isEqualTo(4);
    assertThat(provisioner.terminatedCount()).isEqualTo(4);
    assertThat(provisioner.terminatedIds()).containsExactlyInAnyOrderElementsOf(provisioner.provisionedIds());
    assertThat(instances("d")).extracting(Instance::getState).containsOnly(InstanceState.INSTANCE_STATE_TERMINATING);
    assertThat(decisions("d", DecisionAction.DECISION_ACTION_TERMINATE, DecisionReason.DECISION_REASON_ABOVE_TARGET))
        .flatExtracting(d -> d.getInstanceIdsList()).hasSize(4);

    decide();
    assertThat(provisioner.terminatedCount()).as("no second terminate within the retry interval").isEqualTo(4);
  }

  @Test
  void scenario23_stateReportsAreRoutedToTheirOwnDomain() {
    simplest("domain1", 1);
    decide();
    simplest("domain2", 1);
    decide();
    assertThat(provisioner.provisions).hasSize(2);
    String first = provisioner.provisions.get(0).getInstanceId();
    String second = provisioner.provisions.get(1).getInstanceId();
    assertThat(instances("domain1")).extracting(Instance::getInstanceId).containsExactly(first);
    assertThat(instances("domain2")).extracting(Instance::getInstanceId).containsExactly(second);

    report(first, InstanceState.INSTANCE_STATE_RUNNING);
    assertThat(instance("domain1", first).getState()).isEqualTo(InstanceState.INSTANCE_STATE_RUNNING);
    assertThat(instance("domain2", second).getState()).isEqualTo(InstanceState.INSTANCE_STATE_REQUESTING);

    report(second, InstanceState.INSTANCE_STATE_RUNNING);
    assertThat(instance("domain2", second).getState()).isEqualTo(InstanceState.INSTANCE_STATE_RUNNING);
    assertThat(instances("domain1")).extracting(Instance::getInstanceId).containsExactly(first);
  }

  @Test
  void scenario25_failedInstanceIsReplacedWithoutATerminate() {
    simplest("d", 1);
    decide();
    String failed = provisioner.provisions.get(0).getInstanceId();

    report(failed, InstanceState.INSTANCE_STATE_FAILED);
    decide();

    assertThat(provisioner.provisions).hasSize(2);
    String replacement = provisioner.provisions.get(1).getInstanceId();
    assertThat(replacement).isNotEqualTo(failed);
    assertThat(provisioner.terminatedCount()).isZero();
    assertThat(instance("d", failed).getState()).isEqualTo(InstanceState.INSTANCE_STATE_FAILED);
    assertThat(instance("d", replacement).getState()).isEqualTo(InstanceState.INSTANCE_STATE_REQUESTING);

    decide();
    assertThat(provisioner.provisions).as("one replacement only").hasSize(2);
  }

  @Test
  void rejectedAndErrorRetryingAreNotLiveAndAreReplaced() {
    // DESIGN §5 (differs from the original, which counted them live and never replaced them).
    simplest("d", 2);
    decide();
    List<String> first = provisioner.provisionedIds();
    report(first.get(0), InstanceState.INSTANCE_STATE_REJECTED);
    report(first.get(1), InstanceState.INSTANCE_STATE_ERROR_RETRYING);

    decide();

    assertThat(provisioner.provisions).hasSize(4);
    assertThat(provisioner.provisionedIds().subList(2, 4)).doesNotContainAnyElementsOf(first);
  }

  @Test
  void scenario26_runningFailedInstanceIsDestroyedAndReplaced() {
    simplest("d", 1);
    decide();
    String sick = provisioner.provisions.get(0).getInstanceId();
    report(sick, InstanceState.INSTANCE_STATE_RUNNING);
    report(sick, InstanceState.INSTANCE_STATE_RUNNING_FAILED);

    decide();

    assertThat(provisioner.terminatedIds()).containsExactly(sick);
    assertThat(provisioner.provisions).hasSize(2);
    assertThat(provisioner.provisions.get(1).getInstanceId()).isNotEqualTo(sick);
    assertThat(decisions("d", DecisionAction.DECISION_ACTION_TERMINATE,
        DecisionReason.DECISION_REASON_REPLACING_UNHEALTHY)).singleElement()
        .satisfies(d -> assertThat(d.getInstanceIdsList()).containsExactly(sick));
    assertThat(instance("d", sick).getState()).isEqualTo(InstanceState.INSTANCE_STATE_TERMINATING);
  }
}
