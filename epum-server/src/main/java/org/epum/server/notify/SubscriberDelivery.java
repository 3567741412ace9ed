package org.epum.server.notify;

import java.time.Duration;
import java.util.function.Consumer;
import org.epum.core.notify.Notification;

/**
 * One delivery attempt of a notification to its subscriber's endpoint. Returns at once; {@code done}
 * is called exactly once, on any thread, with null on success or the failure (including a missed
 * deadline).
 */
public interface SubscriberDelivery {
  void send(Notification notification, Duration deadline, Consumer<Throwable> done);
}
