package org.epum.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.InstanceStateReport;
import org.epum.proto.v1.SubscriberRef;
import org.epum.server.testing.RecordingSubscriber;
import org.epum.server.testing.Waits;
import org.junit.jupiter.api.Test;

/**
 * Subscribers that are down, hang or fail for a while: the reactor never waits for them (a report
 * call's deadline is shorter than one delivery attempt), each notification is retried
 * notify.retry_attempts times with backoff and then dropped and counted, and other subscribers'
 * endpoints are not held up.
 */
class NotificationFailuresIT extends NotifyITBase {
  private static final String NOTIFICATIONS = "epum.notify.notifications";
  /** Shorter than one delivery attempt to a hanging subscriber (notify.deadline), let alone three. */
  private static final long REPORT_DEADLINE_MS = 1500;

  @Override
  protected String extraConfig() {
    return "notify: {retry_attempts: 2, backoff: 50ms, max_backoff: 200ms, deadline: 2s, queue_size: 100}\n";
  }

  @Test
  void hangingSubscriberIsRetriedThenDroppedWhileTheReactorAndOtherSubscribersCarryOn() throws Exception {
    try (var hanging = new RecordingSubscriber().mode(RecordingSubscriber.Mode.HANG)) {
      addDomain("domain1", "00_dt_id", 1, SubscriberRef.newBuilder().setName("hangs")
          .setEndpoint(hanging.endpoint()).build(), ref("healthy"));
      decide();
      String id = instanceOf("00_dt_id");

      assertThat(quickReport(id, InstanceState.INSTANCE_STATE_RUNNING).getAccepted()).isTrue();
      // The healthy subscriber (another endpoint) hears at once, while the hanging one holds its call open.
      assertThat(awaitNotifications(1)).singleElement()
          .satisfies(n -> assertNotification(n, "healthy", "domain1", id, "600-RUNNING"));
      hanging.awaitCalls(1, WAIT);
      // The reactor stays responsive while the delivery hangs.
      assertThat(quickReport(id, InstanceState.INSTANCE_STATE_RUNNING_FAILED).getAccepted()).isTrue();
      assertThat(server.as(OWNER).management().withDeadlineAfter(REPORT_DEADLINE_MS, TimeUnit.MILLISECONDS)
          .describeDomain(DescribeDomainRequest.newBuilder().setDomainId("domain1").build()).getInstancesCount())
          .isEqualTo(1);
      assertThat(awaitNotifications(2).get(1).getStateLabel()).isEqualTo("900-FAILED");

      // First attempt + 2 retries for the RUNNING notification, each ended by the deadline; then dropped.
      Waits.until("the RUNNING notification to be dropped", WAIT,
          () -> server.count(NOTIFICATIONS, "outcome", "dropped") >= 1);
      assertThat(hanging.calls()).hasSizeGreaterThanOrEqualTo(3);
      assertThat(hanging.calls().subList(0, 3)).allSatisfy(c -> assertThat(c.getStateLabel()).isEqualTo("600-RUNNING"));
      assertThat(server.count(NOTIFICATIONS, "outcome", "retried")).isGreaterThanOrEqualTo(2);
      // Then the FAILED notification gets its turn on that endpoint, in order.
      hanging.awaitCalls(4, WAIT);
      assertThat(hanging.calls().get(3).getStateLabel()).isEqualTo("900-FAILED");
    }
  }

  @Test
  void downSubscriberIsRetriedWithBackoffThenDroppedAndCounted() throws Exception {
    String downEndpoint;
    try (var gone = new RecordingSubscriber()) {
      downEndpoint = gone.endpoint();
    }
    addDomain("domain1", "00_dt_id", 1, SubscriberRef.newBuilder().setName("down").setEndpoint(downEndpoint).build());
    decide();
    String id = instanceOf("00_dt_id");
    double droppedBefore = server.count(NOTIFICATIONS, "outcome", "dropped");

    assertThat(quickReport(id, InstanceState.INSTANCE_STATE_RUNNING).getAccepted()).isTrue();
    Waits.until("the notification to the down subscriber to be dropped", WAIT,
        () -> server.count(NOTIFICATIONS, "outcome", "dropped") == droppedBefore + 1);
    assertThat(server.count(NOTIFICATIONS, "outcome", "retried")).isEqualTo(2);
    assertThat(server.count(NOTIFICATIONS, "outcome", "delivered")).isEqualTo(0);
    // Other endpoints were never held up.
    assertThat(settled()).isEmpty();
  }

  @Test
  void subscriberThatFailsForAWhileGetsTheNotificationOnARetry() throws Exception {
    try (var flaky = new RecordingSubscriber().mode(RecordingSubscriber.Mode.FAIL)) {
      addDomain("domain1", "00_dt_id", 1, SubscriberRef.newBuilder().setName("flaky")
          .setEndpoint(flaky.endpoint()).build());
      decide();
      String id = instanceOf("00_dt_id");
      quickReport(id, InstanceState.INSTANCE_STATE_RUNNING);
      flaky.awaitCalls(1, WAIT);
      flaky.mode(RecordingSubscriber.Mode.OK);
      Waits.until("the notification to be delivered on a retry", WAIT,
          () -> server.count(NOTIFICATIONS, "outcome", "delivered") >= 1);
      assertThat(server.count(NOTIFICATIONS, "outcome", "retried")).isGreaterThanOrEqualTo(1);
      assertThat(server.count(NOTIFICATIONS, "outcome", "dropped")).isZero();
      assertThat(flaky.calls()).allSatisfy(c -> assertNotification(c, "flaky", "domain1", id, "600-RUNNING"));
    }
  }

  /** A report with a deadline shorter than one delivery attempt: it fails if the reactor waits for subscribers. */
  private org.epum.proto.v1.ReportInstanceStateResponse quickReport(String id, InstanceState state) {
    return server.stubs().instanceStates().withDeadlineAfter(REPORT_DEADLINE_MS, TimeUnit.MILLISECONDS)
        .reportInstanceState(InstanceStateReport.newBuilder().setNodeId(id).setState(state).build());
  }

}
