package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.epum.core.events.DomainEventLog;
import org.epum.core.events.DomainEventWatches;
import org.epum.core.notify.Notifier;
import org.epum.core.store.EpumStore;
import org.epum.server.config.NotifyConfig;
import org.epum.server.notify.ExecutorDeliveryScheduler;
import org.epum.server.notify.GrpcSubscriberDelivery;
import org.epum.server.notify.RetryingNotifier;

/**
 * Public bindings: the {@link Notifier} the reactor hands subscriber notifications to (a
 * {@link RetryingNotifier} delivering over gRPC on its own thread; stopped by NotifierService) and
 * {@link DomainEventWatches}, the live event streams behind WatchDomain (stopped by DomainWatchService).
 */
public final class NotifyModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(Notifier.class).to(RetryingNotifier.class);
  }

  @Provides
  @Singleton
  ExecutorDeliveryScheduler deliveryScheduler() {
    return new ExecutorDeliveryScheduler();
  }

  @Provides
  @Singleton
  GrpcSubscriberDelivery subscriberDelivery() {
    return new GrpcSubscriberDelivery();
  }

  @Provides
  @Singleton
  RetryingNotifier notifier(ExecutorDeliveryScheduler scheduler, GrpcSubscriberDelivery delivery, NotifyConfig config,
      MeterRegistry meters) {
    return new RetryingNotifier(scheduler, delivery, config, meters);
  }

  @Provides
  @Singleton
  DomainEventWatches domainEventWatches(EpumStore store, DomainEventLog events) {
    return new DomainEventWatches(store, events);
  }
}
