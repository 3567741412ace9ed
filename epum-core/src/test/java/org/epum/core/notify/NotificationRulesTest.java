package org.epum.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.domain.Subscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NotificationRulesTest {
  private static InstanceRecord at(InstanceState s) {
    return InstanceRecord.requesting("i-1", Instant.EPOCH).state(s).publicIp("1.2.3.4").build();
  }

  @ParameterizedTest
  @EnumSource(value = InstanceState.class, names = {"REQUESTING", "REQUESTED", "ERROR_RETRYING", "PENDING", "STARTED"})
  void statesBelowRunningNotifyNothing(InstanceState s) {
    assertThat(NotificationRules.stateToNotify(at(InstanceState.REQUESTING), at(s))).isEmpty();
  }

  @Test
  void everyAcceptedRunningReportNotifiesRunning() {
    assertThat(NotificationRules.stateToNotify(at(InstanceState.STARTED), at(InstanceState.RUNNING)))
        .contains(InstanceState.RUNNING);
    assertThat(NotificationRules.stateToNotify(at(InstanceState.RUNNING), at(InstanceState.RUNNING)))
        .contains(InstanceState.RUNNING);
  }

  @ParameterizedTest
  @EnumSource(value = InstanceState.class, names = {"RUNNING_FAILED", "TERMINATING", "TERMINATED", "FAILED", "REJECTED"})
  void leavingRunningNotifiesFailedOnce(InstanceState s) {
    assertThat(NotificationRules.stateToNotify(at(InstanceState.RUNNING), at(s))).contains(InstanceState.FAILED);
    assertThat(NotificationRules.stateToNotify(at(InstanceState.RUNNING_FAILED), at(s))).isEmpty();
    assertThat(NotificationRules.stateToNotify(at(InstanceState.STARTED), at(s))).as("never ran").isEmpty();
  }

  @Test
  void oneNotificationPerSubscriberInSubscriptionOrderWithTheHostname() {
    var subs = List.of(new Subscriber("b", "h:1"), new Subscriber("a", "h:2"));
    var out = NotificationRules.notifications(new DomainKey("o", "d"), subs, at(InstanceState.RUNNING),
        InstanceState.RUNNING);
    assertThat(out).extracting(n -> n.subscriber().name()).containsExactly("b", "a");
    assertThat(out).allSatisfy(n -> assertThat(n.properties()).containsEntry("hostname", "1.2.3.4"));
  }
}
