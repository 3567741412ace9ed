package org.epum.server.notify;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractIdleService;
import jakarta.inject.Inject;

/**
 * The lifecycle of subscriber notifications: on stop, refuses new ones, drops (and counts) the
 * waiting ones, stops the delivery thread and shuts the subscriber channels. Start it before the
 * gRPC server, so it stops after it.
 */
public final class NotifierService extends AbstractIdleService {
  private final RetryingNotifier notifier;
  private final ExecutorDeliveryScheduler scheduler;
  private final GrpcSubscriberDelivery delivery;

  @Inject
  public NotifierService(RetryingNotifier notifier, ExecutorDeliveryScheduler scheduler,
      GrpcSubscriberDelivery delivery) {
    this.notifier = requireNonNull(notifier);
    this.scheduler = requireNonNull(scheduler);
    this.delivery = requireNonNull(delivery);
  }

  @Override
  protected void startUp() {}

  @Override
  protected void shutDown() {
    notifier.stop();
    scheduler.close();
    delivery.close();
  }
}
