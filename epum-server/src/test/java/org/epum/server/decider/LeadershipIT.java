package org.epum.server.decider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.failsWith;
import static org.epum.server.testing.Protos.struct;

import io.grpc.Status;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.KillSession;
import org.epum.core.leader.Roles;
import org.epum.proto.v1.DecisionReason;
import org.epum.proto.v1.DumpStateRequest;
import org.epum.proto.v1.GetServerStatusRequest;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.ReconfigureDomainRequest;
import org.epum.server.testing.RunningServer;
import org.junit.jupiter.api.Test;

/**
 * Scenario 22: a replica that lost the decider role takes no action. Black-box form: a second
 * replica joins the elections over the same ZooKeeper root; the first one's ZooKeeper session is
 * then expired, so the second wins every role (bumping the epochs) and the first, reconnected,
 * is a follower; granting leadership back is the new leader's takeover.
 */
class LeadershipIT extends DeciderITBase {
  @Test
  void scenario22_deposedDeciderDoesNothingAndTheNewLeaderTakesOver() throws Exception {
    simplest("d", 2);
    decide();
    assertThat(provisioner.provisionCount()).isEqualTo(2);
    reconfigure("d", preserve(1));
    decide();
    assertThat(provisioner.provisionCount()).isEqualTo(2);
    assertThat(provisioner.terminatedCount()).isEqualTo(1);
    String terminated = provisioner.terminatedIds().get(0);
    List<String> live = provisioner.provisionedIds().stream().filter(id -> !id.equals(terminated)).toList();
    int eventsBefore = decisions("d").size();

    RunningServer deposed = server;
    server = startReplica(); // the successor; closed after the test like any test's server
    try {
      KillSession.kill(deposed.component(CuratorFramework.class).getZookeeperClient().getZooKeeper());
      RunningServer successor = server;
      await("the successor to lead the decider", () -> leading(successor).contains(Roles.DECIDER));
      await("the deposed replica to reconnect with a new session", () -> deposed.stubs().admin()
          .getServerStatus(GetServerStatusRequest.getDefaultInstance()).getStoreAvailable());
      clock(T0 + 1);

      long version = deposed.as(owner).management().reconfigureDomain(ReconfigureDomainRequest.newBuilder()
          .setDomainId("d").setConfig(struct(preserve(4))).build()).getConfigVersion();
      String why = failsWith(Status.Code.UNAVAILABLE, () -> decide(deposed));
      assertThat(why).contains("leader");
      assertThat(provisioner.provisionCount()).isEqualTo(2);
      assertThat(provisioner.terminatedCount()).isEqualTo(1);
      assertThat(instances("d")).as("the deposed decider wrote no launch").hasSize(2);
      assertThat(decisions("d")).as("a lost leadership is not the domain's engine error").hasSize(eventsBefore)
          .noneMatch(d -> d.getReason() == DecisionReason.DECISION_REASON_ENGINE_ERROR);

      await("the successor sees the reconfigure", () -> describe("d").getConfigVersion() == version);
      int dumpsBefore = provisioner.dumps.size();
      decide();
      // the successor's takeover (before its first pass) asked the provisioner to re-push every live instance
      assertThat(provisioner.dumps).hasSize(dumpsBefore + 1).extracting(DumpStateRequest::getInstanceIdsList).last()
          .satisfies(ids -> assertThat(ids).containsExactlyInAnyOrderElementsOf(provisioner.provisionedIds()
              .subList(0, 2)));
      assertThat(provisioner.provisionCount()).isEqualTo(5);
      assertThat(provisioner.terminatedCount()).isEqualTo(1);
      assertThat(provisioner.provisions.subList(2, 5)).allSatisfy(p ->
          assertThat(p.getEpoch()).isGreaterThan(provisioner.provisions.get(0).getEpoch()));
      assertThat(instances("d")).hasSize(5);
      assertThat(live).allSatisfy(id -> assertThat(instance("d", id).getState())
          .isEqualTo(InstanceState.INSTANCE_STATE_REQUESTING));
    } finally {
      deposed.close();
    }
  }

  private static List<String> leading(RunningServer r) {
    return r.stubs().admin().getServerStatus(GetServerStatusRequest.getDefaultInstance()).getLeadingList();
  }
}
