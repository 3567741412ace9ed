package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Singleton;
import org.epum.core.leader.Leadership;
import org.epum.core.leader.SingleNodeLeadership;
import org.epum.core.store.EpumStore;

/** Public bindings: {@link Leadership} for a lone replica that leads every role (started by EpumServer). */
public final class SingleNodeLeaderModule extends AbstractModule {
  @Provides
  @Singleton
  SingleNodeLeadership singleNodeLeadership(EpumStore store) {
    return new SingleNodeLeadership(store);
  }

  @Provides
  @Singleton
  Leadership leadership(SingleNodeLeadership leadership) {
    return leadership;
  }
}
