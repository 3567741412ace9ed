package org.epum.server.decider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.failsWith;
import static org.epum.server.testing.Protos.struct;

import io.grpc.Status;
import java.util.Map;
import org.epum.core.domain.DomainKey;
import org.epum.proto.v1.DecisionAction;
import org.epum.proto.v1.DecisionReason;
import org.epum.proto.v1.DescribeDefinitionRequest;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.InstanceState;
import org.epum.server.testing.engines.EngineCounts;
import org.junit.jupiter.api.Test;

/**
 * Scenarios 2, 3, 8, 12, 17, 18 and 19: what the decider asks of engines (counted by the test
 * engines), engine documentation and config validation, and a failing engine kept to its domain.
 */
class EngineCallsIT extends DeciderITBase {
  private static final String COUNTING = """
      {"general": {"engine_class": "counting"}, "health": {"monitor_health": false}}""";
  private static final String FAILING = """
      {"general": {"engine_class": "failing"}, "health": {"monitor_health": false}}""";

  private EngineCounts counts(String domain) {
    return EngineCounts.of(new DomainKey(owner, domain));
  }

  @Test
  void scenario2_definitionCarriesTheEngineDocumentation() {
    definition("simplest-def", SIMPLEST);
    var described = server.stubs().management().describeDefinition(DescribeDefinitionRequest.newBuilder()
        .setDefinitionId("simplest-def").build());
    assertThat(described.getDocumentation()).isNotBlank().contains("preserve_n");
  }

  @Test
  void scenario3_engineConfIsValidatedOnAdd() {
    definition("simplest-def", SIMPLEST);
    failsWith(Status.Code.INVALID_ARGUMENT, () -> addDomain("d", "simplest-def", "{\"engine_conf\": {}}"));
    assertThat(domainIds()).isEmpty();
    for (String bad : new String[] {"{\"preserve_n\": 1, \"foo\": 1}", "{\"preserve_n\": -1}",
        "{\"preserve_n\": \"abc\"}"}) {
      failsWith(Status.Code.INVALID_ARGUMENT, () -> addDomain("d", "simplest-def", "{\"engine_conf\": " + bad + "}"));
    }
    assertThat(domainIds()).isEmpty();
    decide();
    assertThat(provisioner.provisionCount()).isZero();

    addDomain("d", "simplest-def", preserve(1));
    assertThat(domainIds()).containsExactly("d");
  }

  @Test
  void scenario8_domainQueryShowsMergedConfigAndFirstInstance() {
    assertThat(domainIds()).isEmpty();
    definition("onedomaindef", COUNTING);
    addDomain("onedomain", "onedomaindef", preserve(1));
    assertThat(domainIds()).containsExactly("onedomain");
    var one = describe("onedomain");
    assertThat(one.getDomainId()).isEqualTo("onedomain");
    assertThat(one.getConfig()).isEqualTo(struct("""
        {"general": {"engine_class": "counting"}, "health": {"monitor_health": false},
         "engine_conf": {"preserve_n": 1}}"""));
    assertThat(one.getInstancesList()).isEmpty();

    simplest("twodomain", 1);
    assertThat(domainIds()).containsExactlyInAnyOrder("onedomain", "twodomain");
    decide();
    assertThat(instances("twodomain")).singleElement().satisfies(i -> {
      assertThat(i.getInstanceId()).isNotEmpty();
      assertThat(i.getState()).isEqualTo(InstanceState.INSTANCE_STATE_REQUESTING);
    });
    assertThat(instances("onedomain")).isEmpty();
  }

  @Test
  void scenario12_engineIsInitializedOnceAndDecidedEveryPass() {
    definition("def123", COUNTING);
    addDomain("testing123", "def123", preserve(1));
    assertThat(counts("testing123").initialized).hasValue(0);

    decide();
    assertThat(counts("testing123").initialized).hasValue(1);
    assertThat(counts("testing123").initialConf).isEqualTo(Map.of("preserve_n", 1L));
    assertThat(counts("testing123").decided).hasValue(1);

    decide();
    assertThat(counts("testing123").initialized).hasValue(1);
    assertThat(counts("testing123").decided).hasValue(2);
  }

  @Test
  void scenario17_reconfigureReachesOnlyItsEngineAndOnlyAtTheNextPass() {
    definition("def", COUNTING);
    addDomain("testing123", "def", preserve(1));
    addDomain("testing789", "def", preserve(1));
    decide();
    assertThat(counts("testing123").decided).hasValue(1);
    assertThat(counts("testing789").decided).hasValue(1);

    reconfigure("testing123", preserve(2));
    assertThat(counts("testing123").reconfigured).hasValue(0);
    assertThat(counts("testing789").reconfigured).hasValue(0);

    decide();
    assertThat(counts("testing123").reconfigured).hasValue(1);
    assertThat(counts("testing789").reconfigured).hasValue(0);

    decide();
    assertThat(counts("testing123").reconfigured).hasValue(1);
    assertThat(counts("testing789").reconfigured).hasValue(0);
    assertThat(counts("testing123").decided).hasValue(3);
  }

  @Test
  void scenario18_failingDecideIsKeptToItsDomain() {
    definition("failing-def", FAILING);
    definition("counting-def", COUNTING);
    addDomain("bad", "failing-def", preserve(1));
    addDomain("good", "counting-def", preserve(1));
    simplest("simple", 1);

    var response = decide();

    assertThat(counts("bad").decided).hasValue(1);
    assertThat(counts("good").decided).hasValue(1);
    assertThat(provisioner.provisionCount()).isEqualTo(1);
    assertThat(instances("simple")).hasSize(1);
    assertThat(pass(response, owner, "bad").getError()).contains("decide failed");
    assertThat(pass(response, owner, "good").getError()).isEmpty();
    assertThat(decisions("bad", DecisionAction.DECISION_ACTION_NONE, DecisionReason.DECISION_REASON_ENGINE_ERROR))
        .singleElement().satisfies(d -> assertThat(d.getMessage()).contains("failing engine fails to decide"));
    assertThat(decisions("good", DecisionAction.DECISION_ACTION_NONE, DecisionReason.DECISION_REASON_ENGINE_ERROR))
        .isEmpty();

    decide();
    assertThat(counts("bad").decided).hasValue(2);
    assertThat(counts("good").decided).hasValue(2);
  }

  @Test
  void scenario19_failingReconfigureIsRetriedAndDoesNotStopDecide() {
    definition("failing-def", FAILING);
    addDomain("bad", "failing-def", preserve(1));
    decide();
    assertThat(counts("bad").decided).hasValue(1);
    assertThat(counts("bad").reconfigured).hasValue(0);

    reconfigure("bad", preserve(2));
    var response = decide();
    assertThat(counts("bad").decided).hasValue(2);
    assertThat(counts("bad").reconfigured).hasValue(1);
    assertThat(pass(response, owner, "bad").getError()).isNotEmpty();
    assertThat(decisions("bad")).anySatisfy(d -> assertThat(d.getMessage()).contains("reconfigure failed"));

    decide();
    assertThat(counts("bad").reconfigured).as("a failed reconfigure is retried on later passes").hasValue(2);
    assertThat(counts("bad").decided).hasValue(3);
    assertThat(describe("bad").getInstancesList()).extracting(Instance::getInstanceId).isEmpty();
  }
}
