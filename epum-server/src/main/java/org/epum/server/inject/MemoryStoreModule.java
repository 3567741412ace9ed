package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Singleton;
import org.epum.core.events.DomainEventLog;
import org.epum.core.store.EpumStore;
import org.epum.core.store.memory.InMemoryEpumStore;

/** Public bindings: an {@link EpumStore} and {@link DomainEventLog} in memory (store.type memory: one replica, nothing survives a restart). */
public final class MemoryStoreModule extends AbstractModule {
  @Provides
  @Singleton
  InMemoryEpumStore memoryStore() {
    return new InMemoryEpumStore();
  }

  @Provides
  @Singleton
  EpumStore store(InMemoryEpumStore store) {
    return store;
  }

  @Provides
  @Singleton
  DomainEventLog events(InMemoryEpumStore store) {
    return store;
  }
}
