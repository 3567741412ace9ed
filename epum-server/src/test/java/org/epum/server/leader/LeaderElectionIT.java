package org.epum.server.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.failsWith;
import static org.epum.server.testing.Protos.struct;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingCluster;
import org.epum.core.leader.Roles;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.GetLeadersRequest;
import org.epum.proto.v1.GetServerStatusRequest;
import org.epum.proto.v1.RoleLeader;
import org.epum.proto.v1.RunDeciderRequest;
import org.epum.server.testing.RecordingProvisioner;
import org.epum.server.testing.RunningServer;
import org.epum.server.testing.TestServers;
import org.epum.server.testing.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three replicas in one JVM, each with its own Curator client, over a three-server ZooKeeper
 * ensemble (Curator TestingCluster), in external-decide mode so passes run only when asked.
 */
class LeaderElectionIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static TestingCluster zookeeper;
  private static int roots;
  private final List<RunningServer> replicas = new ArrayList<>();
  private RecordingProvisioner provisioner;

  @BeforeAll
  static void startEnsemble() throws Exception {
    zookeeper = new TestingCluster(3);
    zookeeper.start();
  }

  @AfterAll
  static void stopEnsemble() throws Exception {
    zookeeper.close();
  }

  @BeforeEach
  void startReplicas() throws Exception {
    provisioner = new RecordingProvisioner();
    String root = "/epum-election-" + (++roots);
    for (String name : List.of("r1", "r2", "r3")) {
      replicas.add(RunningServer.start(TestServers.load("""
          server: {listen: "127.0.0.1:0", replica_name: %s}
          store: {type: zookeeper}
          zookeeper: {connect: "%s", root: "%s", session_timeout: 4s, connection_timeout: 2s}
          epum: {external_decide: true}
          provisioner: {endpoint: "%s", timeout: 5s}
          """.formatted(name, zookeeper.getConnectString(), root, provisioner.target()))));
    }
  }

  @AfterEach
  void stopReplicas() throws Exception {
    for (RunningServer r : replicas) {
      r.close();
    }
    replicas.clear();
    provisioner.close();
  }

  @Test
  void oneLeaderPerRoleAndEveryReplicaAgrees() {
    for (RunningServer r : replicas) {
      List<RoleLeader> leaders = r.stubs().admin().getLeaders(GetLeadersRequest.getDefaultInstance()).getLeadersList();
      assertThat(leaders).extracting(RoleLeader::getRole).containsExactlyElementsOf(Roles.ALL);
      for (RoleLeader l : leaders) {
        assertThat(l.getLeaderId()).isNotEmpty();
        assertThat(l.getParticipantsList()).hasSize(3).startsWith(l.getLeaderId());
        assertThat(l.getEpoch()).isPositive();
      }
    }
    for (String role : Roles.ALL) {
      assertThat(replicas.stream().filter(r -> leading(r).contains(role))).as("replicas leading " + role).hasSize(1);
    }
  }

  @Test
  void aGracefulStopOfTheDeciderLeaderHandsTheRoleOver() throws Exception {
    RunningServer old = leaderOf(Roles.DECIDER);
    long oldEpoch = epoch(Roles.DECIDER);
    old.close();
    replicas.remove(old);

    await(() -> leaderOf(Roles.DECIDER) != null && epoch(Roles.DECIDER) > oldEpoch, "a new decider leader");
    RunningServer next = leaderOf(Roles.DECIDER);
    addDomain(next, "web", 2);
    next.stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance());
    assertThat(provisioner.provisionCount()).isEqualTo(2);
  }

  @Test
  void splitBrainALeaderThatHasNotNoticedItWasDeposedCannotWriteNorLaunch() throws Exception {
    RunningServer stale = leaderOf(Roles.DECIDER);
    addDomain(stale, "web", 1);
    // What a new leader does on election; the stale leader's latch has not told it anything.
    stale.store().bumpEpoch(Roles.DECIDER);
    assertThat(leading(stale)).contains(Roles.DECIDER);

    failsWith(Status.Code.UNAVAILABLE, () -> stale.stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance()));

    assertThat(provisioner.provisionCount()).as("no launch from a fenced decider").isZero();
    assertThat(stale.stubs().management().describeDomain(DescribeDomainRequest.newBuilder().setDomainId("web")
        .build()).getInstancesList()).as("no REQUESTING record either").isEmpty();
    await(() -> !leading(stale).contains(Roles.DECIDER), "the fenced replica to step down");

    await(() -> leaderOf(Roles.DECIDER) != null, "a decider leader again");
    leaderOf(Roles.DECIDER).stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance());
    assertThat(provisioner.provisionCount()).isEqualTo(1);
  }

  @Test
  void anExpiredSessionMovesTheRoleAndTheOldLeaderIsRefused() throws Exception {
    RunningServer old = leaderOf(Roles.DECIDER);
    addDomain(old, "web", 1);
    KillSession.kill(old.component(CuratorFramework.class).getZookeeperClient().getZooKeeper());

    await(() -> Optional.ofNullable(leaderOf(Roles.DECIDER)).filter(r -> r != old).isPresent(),
        "another replica to lead the decider");
    RunningServer next = leaderOf(Roles.DECIDER);
    next.stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance());
    assertThat(provisioner.provisionCount()).isEqualTo(1);

    if (!leading(old).contains(Roles.DECIDER)) {
      failsWith(Status.Code.UNAVAILABLE, () -> old.stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance()));
    }
    next.stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance());
    assertThat(provisioner.provisionedIds()).as("no instance id provisioned twice").doesNotHaveDuplicates()
        .hasSize(1);
  }

  private void addDomain(RunningServer via, String id, int n) {
    via.stubs().management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("def-" + id)
        .setConfig(struct("{\"health\": {\"monitor_health\": false}}")).build());
    via.stubs().management().addDomain(AddDomainRequest.newBuilder().setDomainId(id).setDefinitionId("def-" + id)
        .setConfig(struct("{\"engine_conf\": {\"preserve_n\": " + n + "}}")).build());
  }

  private static List<String> leading(RunningServer r) {
    return r.stubs().admin().getServerStatus(GetServerStatusRequest.getDefaultInstance()).getLeadingList();
  }

  private RunningServer leaderOf(String role) {
    List<RunningServer> leaders = replicas.stream().filter(r -> leading(r).contains(role)).toList();
    return leaders.size() == 1 ? leaders.get(0) : null;
  }

  private long epoch(String role) {
    return replicas.get(0).stubs().admin().getLeaders(GetLeadersRequest.getDefaultInstance()).getLeadersList()
        .stream().filter(l -> l.getRole().equals(role)).findFirst().orElseThrow().getEpoch();
  }

  private static void await(BooleanSupplier condition, String what) {
    Waits.until(what, WAIT, condition);
  }
}
