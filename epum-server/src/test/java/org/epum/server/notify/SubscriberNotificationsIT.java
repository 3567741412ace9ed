package org.epum.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.InstanceStateReport;
import org.epum.proto.v1.NodeStateRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Scenarios 35-41: who is told what when a state report is accepted, through the gRPC API on ZooKeeper. */
class SubscriberNotificationsIT extends NotifyITBase {
  @Test
  void scenario35_updateCounterOrdering() throws InterruptedException {
    addDomain("domain1", "00_dt_id", 1, ref("subscriber01_name"));
    decide();
    String id = instanceOf("00_dt_id");
    report(counted(id, InstanceState.INSTANCE_STATE_STARTED, 1, ""));
    report(counted(id, InstanceState.INSTANCE_STATE_RUNNING, 2, "vm-1234"));
    assertThat(awaitNotifications(1)).singleElement()
        .satisfies(n -> assertThat(n.getPropertiesMap()).containsEntry("hostname", "vm-1234"));
    assertThat(publicIp(id)).isEqualTo("vm-1234");

    report(counted(id, InstanceState.INSTANCE_STATE_RUNNING, 3, "1.2.3.4"));
    var two = awaitNotifications(2);
    assertThat(two).extracting(NodeStateRequest::getStateLabel).containsExactly("600-RUNNING", "600-RUNNING");
    assertThat(two.get(1).getPropertiesMap()).containsEntry("hostname", "1.2.3.4");
    assertThat(publicIp(id)).isEqualTo("1.2.3.4");

    assertThat(report(counted(id, InstanceState.INSTANCE_STATE_RUNNING, 2, "localhost")).getAccepted()).isFalse();
    assertThat(report(counted(id, InstanceState.INSTANCE_STATE_STARTED, 4, "")).getAccepted()).isFalse();
    assertThat(settled()).hasSize(2);
    assertThat(publicIp(id)).isEqualTo("1.2.3.4");
  }

  @Test
  void scenario36_noSubscribers() throws InterruptedException {
    addDomain("domain1", "00_dt_id", 1);
    decide();
    assertThat(provisioner.provisions).singleElement()
        .satisfies(p -> assertThat(p.getDeployableType()).isEqualTo("00_dt_id"));
    assertThat(settled()).isEmpty();
    report(instanceOf("00_dt_id"), InstanceState.INSTANCE_STATE_RUNNING);
    assertThat(settled()).isEmpty();
  }

  @Test
  void scenario37_oneSubscriber() throws InterruptedException {
    addDomain("domain1", "00_dt_id", 1);
    subscribe("domain1", ref("subscriber01_name"));
    decide();
    assertThat(provisioner.provisionCount()).isEqualTo(1);
    assertThat(settled()).isEmpty();
    String id = instanceOf("00_dt_id");
    report(id, InstanceState.INSTANCE_STATE_STARTED);
    assertThat(settled()).isEmpty();
    report(InstanceStateReport.newBuilder().setNodeId(id).setState(InstanceState.INSTANCE_STATE_RUNNING)
        .setPublicIp("10.0.0.7").build());
    assertThat(settled()).singleElement().satisfies(n -> {
      assertNotification(n, "subscriber01_name", "domain1", id, "600-RUNNING");
      assertThat(n.getPropertiesMap()).containsEntry("hostname", "10.0.0.7");
    });
  }

  @Test
  void scenario38_threeSubscribersInSubscriptionOrder() throws InterruptedException {
    addDomain("domain1", "00_dt_id", 1);
    for (String name : new String[] {"sub_c", "sub_a", "sub_b"}) {
      subscribe("domain1", ref(name));
    }
    decide();
    String id = instanceOf("00_dt_id");
    report(id, InstanceState.INSTANCE_STATE_RUNNING);
    var got = awaitNotifications(3);
    assertThat(got).extracting(NodeStateRequest::getSubscriberName).containsExactly("sub_c", "sub_a", "sub_b");
    got.forEach(n -> assertNotification(n, n.getSubscriberName(), "domain1", id, "600-RUNNING"));
    assertThat(settled()).hasSize(3);
  }

  @Test
  void scenario39_twoDomainsNotifyOnlyTheirOwnSubscribers() throws InterruptedException {
    addDomain("domain1", "00_dt_id", 1, ref("subscriber1"), ref("subscriber2"));
    addDomain("domain2", "01_dt_id", 1, ref("subscriber3"));
    decide();
    assertThat(provisioner.provisions).extracting(p -> p.getDeployableType())
        .containsExactlyInAnyOrder("00_dt_id", "01_dt_id");
    String first = instanceOf("00_dt_id");
    String second = instanceOf("01_dt_id");
    report(first, InstanceState.INSTANCE_STATE_STARTED);
    report(second, InstanceState.INSTANCE_STATE_STARTED);
    assertThat(settled()).isEmpty();

    report(second, InstanceState.INSTANCE_STATE_RUNNING);
    assertThat(awaitNotifications(1)).singleElement()
        .satisfies(n -> assertNotification(n, "subscriber3", "domain2", second, "600-RUNNING"));
    report(first, InstanceState.INSTANCE_STATE_RUNNING);
    var all = awaitNotifications(3);
    assertThat(all).hasSize(3);
    assertNotification(all.get(1), "subscriber1", "domain1", first, "600-RUNNING");
    assertNotification(all.get(2), "subscriber2", "domain1", first, "600-RUNNING");
  }

  @ParameterizedTest
  @EnumSource(value = InstanceState.class,
      names = {"INSTANCE_STATE_RUNNING_FAILED", "INSTANCE_STATE_TERMINATING", "INSTANCE_STATE_TERMINATED",
          "INSTANCE_STATE_FAILED"})
  void scenario40_failureNotifiedOnceAfterRunning(InstanceState failure) throws InterruptedException {
    addDomain("domain1", "00_dt_id", 1, ref("subscriber01_name"));
    decide();
    String id = instanceOf("00_dt_id");
    report(id, InstanceState.INSTANCE_STATE_RUNNING);
    awaitNotifications(1);
    report(id, failure);
    var got = awaitNotifications(2);
    assertNotification(got.get(0), "subscriber01_name", "domain1", id, "600-RUNNING");
    assertNotification(got.get(1), "subscriber01_name", "domain1", id, "900-FAILED");
    // Moving further past RUNNING is not news: the subscriber was already told the node failed.
    if (failure != InstanceState.INSTANCE_STATE_FAILED) {
      report(id, InstanceState.INSTANCE_STATE_FAILED);
    }
    assertThat(settled()).hasSize(2);
  }

  @Test
  void scenario40_anInstanceThatNeverRanNotifiesNothingWhenItFails() throws InterruptedException {
    addDomain("domain1", "00_dt_id", 1, ref("subscriber01_name"));
    decide();
    report(instanceOf("00_dt_id"), InstanceState.INSTANCE_STATE_STARTED);
    report(instanceOf("00_dt_id"), InstanceState.INSTANCE_STATE_FAILED);
    assertThat(settled()).isEmpty();
  }

  @Test
  void scenario41_subscribersAddedWithTheDomainAreNotifiedLikeLaterOnes() throws InterruptedException {
    addDomain("domain1", "00_dt_id", 1, ref("pd_at_add"));
    subscribe("domain1", ref("later"));
    decide();
    String id = instanceOf("00_dt_id");
    report(id, InstanceState.INSTANCE_STATE_RUNNING);
    var got = awaitNotifications(2);
    assertNotification(got.get(0), "pd_at_add", "domain1", id, "600-RUNNING");
    assertNotification(got.get(1), "later", "domain1", id, "600-RUNNING");
  }

  private static InstanceStateReport counted(String id, InstanceState state, long counter, String ip) {
    return InstanceStateReport.newBuilder().setNodeId(id).setState(state).setUpdateCounter(counter).setPublicIp(ip)
        .build();
  }

  private String publicIp(String id) {
    return server.as(OWNER).management().describeDomain(org.epum.proto.v1.DescribeDomainRequest.newBuilder()
        .setDomainId("domain1").build()).getInstancesList().stream().filter(i -> i.getInstanceId().equals(id))
        .findFirst().orElseThrow().getPublicIp();
  }
}
