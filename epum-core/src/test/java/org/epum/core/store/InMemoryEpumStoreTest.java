package org.epum.core.store;

import org.epum.core.store.memory.InMemoryEpumStore;

/** The store contract against the in-memory store. */
class InMemoryEpumStoreTest extends EpumStoreContract {
  @Override
  protected EpumStore newStore() {
    return new InMemoryEpumStore();
  }
}
