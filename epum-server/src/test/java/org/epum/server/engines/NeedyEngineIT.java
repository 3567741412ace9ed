package org.epum.server.engines;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Value;
import java.util.List;
import org.epum.proto.v1.Decision;
import org.epum.proto.v1.DecisionAction;
import org.epum.proto.v1.DecisionReason;
import org.epum.proto.v1.EngineState;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.ProvisionRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scenarios 56-61: the needy engine, end to end through the gRPC API on ZooKeeper. */
class NeedyEngineIT extends EngineITBase {
  private static final String D = "needy1";

  @BeforeEach
  void needyDefinition() {
    definition("needy", """
        {"general": {"engine_class": "needy"}, "health": {"monitor_health": false}}""");
  }

  @Test
  void scenario56_keepsPreserveNAndGrowsOnReconfigure() {
    add(D, "needy", """
        {"engine_conf": {"preserve_n": 1, "deployable_type": "dt-needy", "iaas_site": "chicago",
         "iaas_allocation": "big"}}""");
    assertThat(launched(decide(D))).isEqualTo(1);
    assertThat(provisioner.provisions).singleElement().satisfies(p -> {
      assertThat(p.getDeployableType()).isEqualTo("dt-needy");
      assertThat(p.getSite()).isEqualTo("chicago");
      assertThat(p.getAllocation()).isEqualTo("big");
      assertThat(p.getOwner()).isEqualTo(OWNER);
    });

    reconfigure(D, "{\"engine_conf\": {\"preserve_n\": 2}}");
    List<Decision> grown = decide(D);

    assertThat(provisioner.provisionCount()).isEqualTo(2);
    assertThat(reasons(withAction(grown, DecisionAction.DECISION_ACTION_LAUNCH)))
        .containsExactly(DecisionReason.DECISION_REASON_BELOW_TARGET);
    assertThat(provisionedIds()).doesNotHaveDuplicates();
    assertThat(provisioner.terminatedCount()).isZero();

    settle(D);
    assertThat(reasons(decide(D))).containsExactly(DecisionReason.DECISION_REASON_AT_TARGET);
    assertThat(describe(D).getEngineState()).isEqualTo(EngineState.ENGINE_STATE_STABLE);
    assertThat(provisioner.provisionCount()).isEqualTo(2);
  }

  @Test
  void scenario57_eachLiveInstanceHoldsADistinctUniqueValue() {
    add(D, "needy", """
        {"engine_conf": {"preserve_n": 2, "unique_key": "somekey", "unique_values": [1, 2, 3]}}""");
    decide(D);
    assertThat(provisioner.provisions).extracting(NeedyEngineIT::someKey)
        .containsExactly(Value.newBuilder().setNumberValue(1).build(), Value.newBuilder().setNumberValue(2).build());
    settle(D);

    String first = provisioner.provisions.get(0).getInstanceId();
    String second = provisioner.provisions.get(1).getInstanceId();
    report(first, InstanceState.INSTANCE_STATE_FAILED);
    decide(D);

    assertThat(provisioner.provisionCount()).isEqualTo(3);
    assertThat(someKey(provisioner.provisions.get(2)).getNumberValue()).isEqualTo(1);
    assertThat(provisioner.terminatedCount()).as("a FAILED instance needs no terminate").isZero();
    Instance replacement = instance(provisioner.provisions.get(2).getInstanceId());
    assertThat(replacement.getExtravars().getFieldsOrThrow("somekey").getNumberValue()).isEqualTo(1);
    assertThat(instance(second).getExtravars().getFieldsOrThrow("somekey").getNumberValue()).isEqualTo(2);
  }

  @Test
  void scenario58_launchesNoMoreThanThereAreUniqueValues() {
    add(D, "needy", """
        {"engine_conf": {"preserve_n": 2, "unique_key": "somekey", "unique_values": [1]}}""");
    List<Decision> first = decide(D);
    assertThat(provisioner.provisionCount()).isEqualTo(1);
    assertThat(someKey(provisioner.provisions.get(0)).getNumberValue()).isEqualTo(1);
    // DESIGN §5 fix: the original launched a second instance with a null value.
    assertThat(withAction(first, DecisionAction.DECISION_ACTION_NONE)).singleElement()
        .satisfies(d -> assertThat(d.getMessage()).contains("unique_values"));

    report(provisioner.provisions.get(0).getInstanceId(), InstanceState.INSTANCE_STATE_FAILED);
    decide(D);
    decide(D);

    assertThat(provisioner.provisionCount()).isEqualTo(2);
    assertThat(someKey(provisioner.provisions.get(1)).getNumberValue()).isEqualTo(1);
  }

  @Test
  void scenario59_uniqueValuesMayBeACommaSeparatedString() {
    add(D, "needy", """
        {"engine_conf": {"preserve_n": 2, "unique_key": "somekey", "unique_values": "a, b,c "}}""");
    decide(D);
    assertThat(provisioner.provisions).extracting(p -> someKey(p).getStringValue()).containsExactly("a", "b");

    report(provisioner.provisions.get(0).getInstanceId(), InstanceState.INSTANCE_STATE_FAILED);
    decide(D);

    assertThat(provisioner.provisions).extracting(p -> someKey(p).getStringValue()).containsExactly("a", "b", "a");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " "})
  void scenario60_blankUniqueValuesMeanNone(String values) {
    add(D, "needy", """
        {"engine_conf": {"preserve_n": 1, "unique_key": "somekey", "unique_values": "%s"}}""".formatted(values));
    decide(D);

    assertThat(provisioner.provisions).singleElement()
        .satisfies(p -> assertThat(p.getVars().containsFields("somekey")).isFalse());
    assertThat(instance(provisioner.provisions.get(0).getInstanceId()).getExtravars().getFieldsCount()).isZero();
  }

  @Test
  void scenario61_retirableNodesGoFirstOnScaleDown() {
    add(D, "needy", "{\"engine_conf\": {\"preserve_n\": 3}}");
    decide(D);
    settle(D);
    // Without retirable_nodes the newest (then the highest id) would go, so retire the lowest id.
    String retire = provisionedIds().stream().sorted().findFirst().orElseThrow();

    reconfigure(D, "{\"engine_conf\": {\"preserve_n\": 2, \"retirable_nodes\": [\"" + retire + "\"]}}");
    List<Decision> shrunk = decide(D);

    assertThat(provisioner.terminatedIds()).containsExactly(retire);
    assertThat(withAction(shrunk, DecisionAction.DECISION_ACTION_TERMINATE)).singleElement()
        .satisfies(d -> assertThat(d.getReason()).isEqualTo(DecisionReason.DECISION_REASON_ABOVE_TARGET));
    assertThat(provisioner.provisionCount()).isEqualTo(3);
    assertThat(instance(retire).getState()).isEqualTo(InstanceState.INSTANCE_STATE_TERMINATING);
  }

  private Instance instance(String id) {
    return describe(D).getInstancesList().stream().filter(i -> i.getInstanceId().equals(id)).findFirst()
        .orElseThrow();
  }

  private static Value someKey(ProvisionRequest p) {
    return p.getVars().getFieldsOrThrow("somekey");
  }
}
