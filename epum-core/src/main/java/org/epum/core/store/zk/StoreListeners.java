package org.epum.core.store.zk;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.epum.core.domain.DomainKey;
import org.epum.core.store.StoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a store's {@link StoreListener}s, in the order changes were reported, on one thread
 * ({@code epum-store-events-N}) that this object owns. Reporting only queues the call, so a slow
 * listener never blocks the reporter (the ZooKeeper cache or a writer holding the in-memory store's
 * lock) and a listener is never called back on the writer's own thread. Both stores use it, so
 * they deliver alike. Thread-safe.
 */
public final class StoreListeners implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StoreListeners.class);

  private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService executor = Executors.newSingleThreadExecutor(
      new ThreadFactoryBuilder().setNameFormat("epum-store-events-%d").setDaemon(true).build());

  /** Registers a listener; closing the handle unregisters it. */
  public AutoCloseable add(StoreListener listener) {
    requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public void definitionChanged(String definitionId) {
    post(l -> l.definitionChanged(definitionId));
  }

  public void domainChanged(DomainKey key) {
    post(l -> l.domainChanged(key));
  }

  public void instanceChanged(DomainKey key, String instanceId) {
    post(l -> l.instanceChanged(key, instanceId));
  }

  public void eventsChanged(DomainKey key) {
    post(l -> l.eventsChanged(key));
  }

  private void post(Consumer<StoreListener> call) {
    if (listeners.isEmpty()) {
      return;
    }
    try {
      executor.execute(() -> listeners.forEach(l -> callOne(l, call)));
    } catch (RejectedExecutionException e) {
      log.debug("store listeners closed; change not delivered");
    }
  }

  private static void callOne(StoreListener listener, Consumer<StoreListener> call) {
    try {
      call.accept(listener);
    } catch (RuntimeException e) {
      log.warn("store listener {} failed", listener, e);
    }
  }

  /** Stops the thread after the calls already queued (bounded wait). */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
