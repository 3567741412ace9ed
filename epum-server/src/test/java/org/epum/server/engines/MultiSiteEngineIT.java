package org.epum.server.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.failsWith;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.epum.proto.v1.Decision;
import org.epum.proto.v1.DecisionAction;
import org.epum.proto.v1.DecisionReason;
import org.epum.proto.v1.EngineState;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.ListDomainsRequest;
import org.epum.proto.v1.ProvisionRequest;
import org.epum.proto.v1.RemoveDomainRequest;
import org.epum.proto.v1.RunDeciderResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scenarios 65-81: Phantom's multi-site overflow engine end to end through the gRPC API on
 * ZooKeeper. Sites come from engine_conf.clouds (the engine consults no DTRS); "n" is minimum_vms.
 */
class MultiSiteEngineIT extends EngineITBase {
  private static final String D = "multi1";
  private static final int MAX_ROUNDS = 100;

  @BeforeEach
  void multisiteDefinition() {
    definition("multisite", "{\"general\": {\"engine_class\": \"multisite\"}}");
  }

  @ParameterizedTest(name = "scenario {0}: clouds {1}, n={2}")
  @CsvSource(delimiter = '|', value = {
      "65 | hotel:4                        | 4 | hotel:4",
      "66 | hotel:2 sierra:2               | 4 | hotel:2 sierra:2",
      "67 | hotel:4 sierra:4 foxtrot:4     | 4 | hotel:4 sierra:0 foxtrot:0",
      "68 | hotel:-1 sierra:-1 foxtrot:-1  | 4 | hotel:4 sierra:0 foxtrot:0"})
  void scenarios65to68_fillSitesByRank(int scenario, String clouds, int n, String expected) {
    add(D, "multisite", conf(clouds.split(" "), n));
    List<Decision> decisions = decide(D);

    assertThat(provisioner.provisionCount()).isEqualTo(n);
    assertThat(launched(decisions)).isEqualTo(n);
    for (String siteCount : expected.split(" ")) {
      String[] sc = siteCount.split(":");
      assertThat(provisionsAt(sc[0])).as("launches at " + sc[0]).isEqualTo(Integer.parseInt(sc[1]));
    }
    assertThat(provisioner.provisions).allSatisfy(p -> assertThat(p.getDeployableType()).isEqualTo("dt"));
  }

  @Test
  void scenario69_pendingInstancesCountAsHealthy() {
    add(D, "multisite", conf(new String[] {"hotel:2"}, 2));
    decide(D);
    reportRequested(D, InstanceState.INSTANCE_STATE_PENDING);

    List<Decision> next = decide(D);

    assertThat(provisioner.provisionCount()).isEqualTo(2);
    assertThat(withAction(next, DecisionAction.DECISION_ACTION_LAUNCH)).isEmpty();
    assertThat(describe(D).getEngineState()).isEqualTo(EngineState.ENGINE_STATE_PENDING);
  }

  @Test
  void scenario70_failedInstanceIsReplaced() {
    add(D, "multisite", conf(new String[] {"hotel:4"}, 4));
    decide(D);
    settle(D);
    report(provisionedIds().get(0), InstanceState.INSTANCE_STATE_FAILED);

    decide(D);

    assertThat(provisioner.provisionCount()).isEqualTo(5);
    assertThat(provisionsAt("hotel")).isEqualTo(5);
    assertThat(provisioner.terminatedCount()).isZero();
  }

  @Test
  void scenario71_growsWhenSiteAndTargetGrow() {
    add(D, "multisite", conf(new String[] {"hotel:4"}, 4));
    decide(D);
    settle(D);

    reconfigure(D, conf(new String[] {"hotel:6"}, 6));
    decide(D);

    assertThat(provisioner.provisionCount()).isEqualTo(6);
    assertThat(liveAt(D, "hotel")).isEqualTo(6);
  }

  @ParameterizedTest(name = "scenario {0}: reconfigure to hotel {1}, n={2}")
  @CsvSource({"72, 2, 2", "73, 2, 4", "74, 4, 2"})
  void scenarios72to74_shrinkToTheSmallerOfSiteSizeAndTarget(int scenario, int hotelSize, int n) {
    add(D, "multisite", conf(new String[] {"hotel:4"}, 4));
    decide(D);
    settle(D);

    reconfigure(D, conf(new String[] {"hotel:" + hotelSize}, n));
    List<Decision> shrunk = decide(D);
    settle(D);

    assertThat(provisioner.provisionCount() - provisioner.terminatedCount()).isEqualTo(2);
    assertThat(live(D)).hasSize(2);
    if (n > hotelSize) {
      assertThat(reasons(shrunk)).as("the site's size wins over the target")
          .contains(DecisionReason.DECISION_REASON_SITE_AT_CAPACITY);
    }
    List<Decision> after = decide(D);
    assertThat(withAction(after, DecisionAction.DECISION_ACTION_LAUNCH)).isEmpty();
    assertThat(withAction(after, DecisionAction.DECISION_ACTION_TERMINATE)).isEmpty();
  }

  @Test
  void scenario75_overflowsToTheNextSiteAsTheTargetGrows() {
    String[] clouds = {"hotel:4", "sierra:2"};
    add(D, "multisite", conf(clouds, 3));
    decide(D);
    settle(D);
    assertThat(sites()).containsExactly(3L, 0L);

    reconfigure(D, conf(clouds, 5));
    decide(D);
    settle(D);
    assertThat(sites()).containsExactly(4L, 1L);

    reconfigure(D, conf(clouds, 16));
    List<Decision> full = decide(D);
    settle(D);
    assertThat(sites()).containsExactly(4L, 2L);
    assertThat(provisioner.provisionCount()).isEqualTo(6);
    assertThat(reasons(full)).contains(DecisionReason.DECISION_REASON_SITE_AT_CAPACITY);
  }

  @Test
  void scenario76_roomAtABetterSiteIsUsedOnlyForReplacements() {
    add(D, "multisite", conf(new String[] {"hotel:4", "sierra:2"}, 6));
    decide(D);
    settle(D);
    assertThat(sites()).containsExactly(4L, 2L);

    reconfigure(D, conf(new String[] {"hotel:9", "sierra:2"}, 6));
    List<Decision> unchanged = decide(D);
    assertThat(withAction(unchanged, DecisionAction.DECISION_ACTION_LAUNCH)).isEmpty();
    assertThat(withAction(unchanged, DecisionAction.DECISION_ACTION_TERMINATE)).isEmpty();
    assertThat(sites()).containsExactly(4L, 2L);

    String atSierra = live(D).stream().filter(i -> i.getSite().equals("sierra")).findFirst().orElseThrow()
        .getInstanceId();
    report(atSierra, InstanceState.INSTANCE_STATE_FAILED);
    decide(D);
    settle(D);

    assertThat(sites()).containsExactly(5L, 1L);
    assertThat(live(D)).hasSize(6);
  }

  @Test
  void scenario77_badConfigsAreRejectedOnAddAndReconfigure() {
    String[] bad = {
        "{}",
        "{\"minimum_vms\": 1}",
        "{\"minimum_vms\": 1, \"dtname\": \"hello\"}",
        "{\"minimum_vms\": 1, \"dtname\": \"hello\", \"instance_type\": \"m1.huge\"}",
        "{\"minimum_vms\": 1, \"dtname\": \"hello\", \"clouds\": {\"site_name\": \"hotel\", \"size\": 4, \"rank\": 3}}",
        "{\"minimum_vms\": 1, \"dtname\": \"hello\", \"clouds\": " + clouds(cloud("hotel", 4, 1), cloud("sierra", 4, 3))
            + "}"};
    for (String engineConf : bad) {
      failsWith(Status.Code.INVALID_ARGUMENT, () -> add(D, "multisite", "{\"engine_conf\": " + engineConf + "}"));
    }
    assertThat(server.as(OWNER).management().listDomains(ListDomainsRequest.getDefaultInstance())
        .getDomainIdsList()).isEmpty();

    add(D, "multisite", "{\"engine_conf\": {\"minimum_vms\": 1, \"dtname\": \"hello\", \"instance_type\": \"m1.huge\","
        + " \"clouds\": " + clouds(cloud("hotel", 4, 1), cloud("sierra", 4, 2)) + "}}");
    long version = describe(D).getConfigVersion();
    for (String clouds : new String[] {clouds(cloud("hotel", 4, 1), cloud("sierra", 4, 5)),
        clouds(cloud("hotel", 4, 1), cloud("sierra", 4, 2), cloud("foxtrot", 4, 1))}) {
      failsWith(Status.Code.INVALID_ARGUMENT, () -> reconfigure(D, "{\"engine_conf\": {\"clouds\": " + clouds + "}}"));
    }
    assertThat(describe(D).getConfigVersion()).as("a rejected reconfigure changes nothing").isEqualTo(version);
    // DESIGN §2: a reconfigure replaces the clouds list whole (the original merged it entry by
    // entry, so foxtrot alone at rank 1 clashed with hotel); the clash is shown with the full list.
    reconfigure(D, "{\"engine_conf\": {\"clouds\": "
        + clouds(cloud("hotel", 4, 1), cloud("sierra", 4, 2), cloud("foxtrot", 4, 3)) + "}}");
    // DESIGN §2: an empty reconfigure merges nothing into a valid config, so it is accepted (the original raised).
    reconfigure(D, "{}");

    decide(D);
    assertThat(provisioner.provisions).singleElement().satisfies(p -> {
      assertThat(p.getSite()).isEqualTo("hotel");
      assertThat(p.getAllocation()).isEqualTo("m1.huge");
      assertThat(p.getDeployableType()).isEqualTo("hello");
    });

    server.as(OWNER).management().removeDomain(RemoveDomainRequest.newBuilder()
        .setDomainId(D).build());
    decide(D);
    settle(D);
    RunDeciderResponse last = pass();
    assertThat(last.getDomainsList()).singleElement().satisfies(p -> {
      assertThat(p.getDeleted()).as("dying() ran without failing and the domain was deleted").isTrue();
      assertThat(p.getError()).isEmpty();
    });
  }

  @Test
  void scenario78_learnsASitesCapacityFromRepeatedLaunchFailures() {
    add(D, "multisite", conf(new String[] {"hotel:10"}, 10));
    int rounds = capacityRounds(site -> true);

    assertThat(rounds).as("one batch of failures is not yet a capacity").isGreaterThan(2);
    assertThat(live(D)).hasSize(5);
    List<Decision> steady = decide(D);
    assertThat(withAction(steady, DecisionAction.DECISION_ACTION_LAUNCH)).isEmpty();
    assertThat(withAction(steady, DecisionAction.DECISION_ACTION_TERMINATE)).isEmpty();
    assertThat(steady).filteredOn(d -> d.getReason() == DecisionReason.DECISION_REASON_SITE_AT_CAPACITY)
        .singleElement().satisfies(d -> assertThat(d.getMessage()).contains("learnt capacity"));

    reconfigure(D, "{\"engine_conf\": {\"minimum_vms\": 5}}");
    List<Decision> atTarget = decide(D);
    assertThat(provisioner.terminatedCount()).isZero();
    assertThat(withAction(atTarget, DecisionAction.DECISION_ACTION_LAUNCH)).isEmpty();
    assertThat(live(D)).hasSize(5);
  }

  @Test
  void scenario79_overflowsToTheNextSiteOnceACapacityIsLearnt() {
    add(D, "multisite", conf(new String[] {"hotel:20", "sierra:10"}, 10));
    capacityRounds(site -> site.equals("hotel"));

    assertThat(liveAt(D, "hotel")).isEqualTo(5);
    assertThat(liveAt(D, "sierra")).isEqualTo(5);
    assertThat(live(D)).hasSize(10);
    assertThat(provisionsAt("sierra")).as("sierra is used only once hotel's capacity is known").isEqualTo(5);
  }

  @Test
  void scenario80_shrinksFromTheLowestPrioritySite() {
    String[] clouds = {"hotel:8", "sierra:4", "foxtrot:2"};
    add(D, "multisite", conf(clouds, 14));
    decide(D);
    settle(D);
    assertThat(provisioner.provisionCount()).isEqualTo(14);

    reconfigure(D, conf(clouds, 10));
    decide(D);
    settle(D);

    assertThat(provisioner.provisionCount() - provisioner.terminatedCount()).isEqualTo(10);
    assertThat(sites()).containsExactly(8L, 2L, 0L);
  }

  @Test
  void scenario81_scalesOnHeartbeatMetricsWithinMinimumAndMaximum() {
    add(D, "multisite", """
        {"health": {"monitor_health": true}, "engine_conf": {"clouds": %s, "minimum_vms": 4, "maximum_vms": 6,
         "dtname": "dt", "metric": "something", "sample_function": "Average", "scale_up_threshold": 2,
         "scale_up_n_vms": 1, "scale_down_threshold": 0.5, "scale_down_n_vms": 1, "cooldown_period": 0,
         "sensor_type": "heartbeat"}}""".formatted(clouds(cloud("hotel", 6, 1))));
    assertThat(launched(decide(D))).isEqualTo(4);
    settle(D);

    for (int expected = 5; expected <= 6; expected++) {
      heartbeatAll(D, "something", 3.0);
      assertThat(reasons(withAction(decide(D), DecisionAction.DECISION_ACTION_LAUNCH)))
          .containsExactly(DecisionReason.DECISION_REASON_SCALE_UP);
      assertThat(provisioner.provisionCount()).isEqualTo(expected);
      settle(D);
    }
    heartbeatAll(D, "something", 3.0);
    assertThat(reasons(decide(D))).containsExactly(DecisionReason.DECISION_REASON_AT_MAXIMUM);

    heartbeatAll(D, "something", 1.0 / 3);
    for (int expected = 1; expected <= 2; expected++) {
      assertThat(reasons(withAction(decide(D), DecisionAction.DECISION_ACTION_TERMINATE)))
          .containsExactly(DecisionReason.DECISION_REASON_SCALE_DOWN);
      assertThat(provisioner.terminatedCount()).isEqualTo(expected);
      settle(D);
    }
    assertThat(reasons(decide(D))).containsExactly(DecisionReason.DECISION_REASON_AT_MINIMUM);
    assertThat(provisioner.provisionCount() - provisioner.terminatedCount()).isEqualTo(4);
  }

  /**
   * Plays out sites that hold only five instances each: after each pass, the Provisioner boots the
   * first five launches ever made at a site {@code capped} selects and fails every later launch
   * there; other sites boot everything. Returns the number of the first pass that launched nothing.
   */
  private int capacityRounds(Predicate<String> capped) {
    List<String> bootable = new ArrayList<>();
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      if (launched(decide(D)) == 0) {
        return round;
      }
      Set<String> requested = instances(D, i -> i.getState() == InstanceState.INSTANCE_STATE_REQUESTING).stream()
          .map(Instance::getInstanceId).collect(Collectors.toSet());
      for (ProvisionRequest p : provisioner.provisions) {
        if (requested.contains(p.getInstanceId())) {
          boolean boots = !capped.test(p.getSite()) || (bootable.size() < 5 && bootable.add(p.getInstanceId()));
          report(p.getInstanceId(), boots ? InstanceState.INSTANCE_STATE_RUNNING : InstanceState.INSTANCE_STATE_FAILED);
        }
      }
    }
    throw new AssertionError("the engine kept launching for " + MAX_ROUNDS + " passes");
  }

  /** Live instances per configured site, in rank order. */
  private List<Long> sites() {
    List<Instance> live = live(D);
    String[] order = describe(D).getConfig().getFieldsOrThrow("engine_conf").getStructValue()
        .getFieldsOrThrow("clouds").getListValue().getValuesList().stream()
        .map(v -> v.getStructValue().getFieldsOrThrow("site_name").getStringValue()).toArray(String[]::new);
    return Arrays.stream(order).map(site -> live.stream().filter(i -> i.getSite().equals(site)).count()).toList();
  }

  /** engine_conf with clouds given as "site:size" in rank order and minimum_vms n. */
  private static String conf(String[] clouds, int n) {
    List<String> entries = new ArrayList<>();
    for (int rank = 1; rank <= clouds.length; rank++) {
      String[] s = clouds[rank - 1].split(":");
      entries.add(cloud(s[0], Integer.parseInt(s[1]), rank));
    }
    return "{\"engine_conf\": {\"clouds\": " + clouds(entries.toArray(String[]::new)) + ", \"minimum_vms\": " + n
        + ", \"dtname\": \"dt\"}}";
  }

  private static String cloud(String site, int size, int rank) {
    return "{\"site_name\": \"" + site + "\", \"size\": " + size + ", \"rank\": " + rank + "}";
  }

  private static String clouds(String... clouds) {
    return "[" + String.join(", ", clouds) + "]";
  }
}
