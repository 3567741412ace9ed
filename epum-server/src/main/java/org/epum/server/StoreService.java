package org.epum.server;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractIdleService;
import org.epum.core.store.EpumStore;

/** Starts a store (e.g. loads the ZooKeeper store's cache) and closes it on stop. */
final class StoreService extends AbstractIdleService {
  private final EpumStore store;
  private final Runnable starter;

  StoreService(EpumStore store, Runnable starter) {
    this.store = requireNonNull(store);
    this.starter = requireNonNull(starter);
  }

  @Override
  protected void startUp() {
    starter.run();
  }

  @Override
  protected void shutDown() {
    store.close();
  }
}
