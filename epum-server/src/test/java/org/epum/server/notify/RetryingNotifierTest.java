package org.epum.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.InstanceState;
import org.epum.core.domain.Subscriber;
import org.epum.core.notify.Notification;
import org.epum.server.config.NotifyConfig;
import org.junit.jupiter.api.Test;

class RetryingNotifierTest {
  private final FakeDeliveryScheduler scheduler = new FakeDeliveryScheduler();
  private final Delivery delivery = new Delivery();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** Records attempts; answers each by the next scripted result (null = success), or holds it when none is scripted. */
  private static final class Delivery implements SubscriberDelivery {
    final List<String> attempts = new ArrayList<>();
    final List<Consumer<Throwable>> held = new ArrayList<>();
    final List<Throwable> script = new ArrayList<>();
    boolean hold;

    @Override
    public void send(Notification n, Duration deadline, Consumer<Throwable> done) {
      attempts.add(n.subscriber().name() + ":" + n.nodeId() + ":" + n.state().label());
      if (hold) {
        held.add(done);
      } else {
        done.accept(script.isEmpty() ? null : script.remove(0));
      }
    }
  }

  private RetryingNotifier notifier(int retries, int queueSize) {
    return new RetryingNotifier(scheduler, delivery,
        new NotifyConfig(retries, Duration.ofMillis(100), Duration.ofMillis(350), Duration.ofSeconds(1), queueSize),
        meters);
  }

  private static Notification n(String subscriber, String endpoint, String node, InstanceState state) {
    return new Notification(new Subscriber(subscriber, endpoint), new DomainKey("o", "d"), node, state,
        Map.of("hostname", "h"));
  }

  private double count(String outcome) {
    return meters.get("epum.notify.notifications").tag("outcome", outcome).counter().count();
  }

  @Test
  void notifyOnlyQueuesAndDeliversInOrderPerEndpoint() {
    var notifier = notifier(3, 10);
    notifier.notify(n("a", "e:1", "i-1", InstanceState.RUNNING));
    notifier.notify(n("b", "e:1", "i-1", InstanceState.RUNNING));
    notifier.notify(n("a", "e:1", "i-1", InstanceState.FAILED));
    assertThat(delivery.attempts).as("nothing is sent on the caller's thread").isEmpty();
    scheduler.runDue();
    assertThat(delivery.attempts).containsExactly("a:i-1:600-RUNNING", "b:i-1:600-RUNNING", "a:i-1:900-FAILED");
    assertThat(count("delivered")).isEqualTo(3);
    assertThat(notifier.queued()).isZero();
  }

  @Test
  void retriesWithDoublingBackoffCappedThenDrops() {
    var notifier = notifier(4, 10);
    for (int i = 0; i < 5; i++) {
      delivery.script.add(new RuntimeException("down"));
    }
    notifier.notify(n("a", "e:1", "i-1", InstanceState.RUNNING));
    notifier.notify(n("a", "e:1", "i-2", InstanceState.RUNNING));
    scheduler.runDue();
    assertThat(delivery.attempts).hasSize(1);
    scheduler.advance(Duration.ofMillis(99));
    assertThat(delivery.attempts).as("still backing off").hasSize(1);
    scheduler.advance(Duration.ofMillis(1));
    assertThat(delivery.attempts).hasSize(2);
    scheduler.advance(Duration.ofMillis(200));
    scheduler.advance(Duration.ofMillis(350));
    scheduler.advance(Duration.ofMillis(350));
    assertThat(scheduler.backoffs()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
        Duration.ofMillis(350), Duration.ofMillis(350));
    // 1 + 4 retries for i-1, dropped; then i-2 (behind it on the same endpoint) goes through.
    assertThat(delivery.attempts).containsExactly("a:i-1:600-RUNNING", "a:i-1:600-RUNNING", "a:i-1:600-RUNNING",
        "a:i-1:600-RUNNING", "a:i-1:600-RUNNING", "a:i-2:600-RUNNING");
    assertThat(count("retried")).isEqualTo(4);
    assertThat(count("dropped")).isEqualTo(1);
    assertThat(count("delivered")).isEqualTo(1);
    assertThat(notifier.queued()).isZero();
  }

  @Test
  void aStuckEndpointDoesNotHoldUpOthers() {
    var notifier = notifier(1, 10);
    delivery.hold = true;
    notifier.notify(n("slow", "slow:1", "i-1", InstanceState.RUNNING));
    notifier.notify(n("slow", "slow:1", "i-2", InstanceState.RUNNING));
    notifier.notify(n("fast", "fast:1", "i-1", InstanceState.RUNNING));
    scheduler.runDue();
    assertThat(delivery.attempts).containsExactly("slow:i-1:600-RUNNING", "fast:i-1:600-RUNNING");
    delivery.hold = false;
    delivery.held.get(1).accept(null);
    delivery.held.get(0).accept(new RuntimeException("deadline exceeded"));
    scheduler.advance(Duration.ofMillis(100));
    scheduler.runDue();
    assertThat(delivery.attempts).containsExactly("slow:i-1:600-RUNNING", "fast:i-1:600-RUNNING",
        "slow:i-1:600-RUNNING", "slow:i-2:600-RUNNING");
    assertThat(count("delivered")).isEqualTo(3);
  }

  @Test
  void aFullQueueDropsNewNotificationsAndCountsThem() {
    var notifier = notifier(0, 2);
    delivery.hold = true;
    notifier.notify(n("a", "e:1", "i-1", InstanceState.RUNNING));
    notifier.notify(n("a", "e:1", "i-2", InstanceState.RUNNING));
    notifier.notify(n("a", "e:1", "i-3", InstanceState.RUNNING));
    assertThat(count("dropped")).isEqualTo(1);
    assertThat(notifier.queued()).isEqualTo(2);
  }

  @Test
  void stopDropsWhatIsWaitingAndRefusesMore() {
    var notifier = notifier(0, 10);
    delivery.hold = true;
    notifier.notify(n("a", "e:1", "i-1", InstanceState.RUNNING));
    notifier.notify(n("a", "e:1", "i-2", InstanceState.RUNNING));
    notifier.stop();
    notifier.notify(n("a", "e:1", "i-3", InstanceState.RUNNING));
    assertThat(count("dropped")).isEqualTo(3);
    scheduler.runDue();
    assertThat(delivery.attempts).isEmpty();
  }

  @Test
  void backoffDoublesUpToTheCap() {
    var c = new NotifyConfig(5, Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(5), 1);
    assertThat(List.of(c.backoffBefore(1), c.backoffBefore(2), c.backoffBefore(3), c.backoffBefore(4),
        c.backoffBefore(10))).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(3), Duration.ofSeconds(3));
  }
}
