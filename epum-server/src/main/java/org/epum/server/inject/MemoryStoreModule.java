package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Singleton;
import org.epum.core.store.EpumStore;
import org.epum.core.store.memory.InMemoryEpumStore;

/** Public bindings: an {@link EpumStore} in memory (store.type memory: one replica, nothing survives a restart). */
public final class MemoryStoreModule extends AbstractModule {
  @Provides
  @Singleton
  EpumStore store() {
    return new InMemoryEpumStore();
  }
}
