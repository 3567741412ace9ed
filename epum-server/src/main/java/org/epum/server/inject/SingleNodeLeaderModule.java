package org.epum.server.inject;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.name.Named;
import jakarta.inject.Singleton;
import org.epum.core.leader.LeaderDirectory;
import org.epum.core.leader.Leadership;
import org.epum.core.leader.SingleNodeLeadership;
import org.epum.core.store.EpumStore;
import org.epum.server.ServerInfo;

/**
 * Public bindings: {@link Leadership} and {@link LeaderDirectory} for a lone replica that leads
 * every role (the memory store), and {@code @Named("leadership") Service} (started by EpumServer).
 */
public final class SingleNodeLeaderModule extends AbstractModule {
  @Provides
  @Singleton
  SingleNodeLeadership singleNodeLeadership(EpumStore store, ServerInfo info) {
    return new SingleNodeLeadership(store, info.replicaId());
  }

  @Provides
  @Singleton
  Leadership leadership(SingleNodeLeadership leadership) {
    return leadership;
  }

  @Provides
  @Singleton
  LeaderDirectory leaderDirectory(SingleNodeLeadership leadership) {
    return leadership;
  }

  @Provides
  @Singleton
  @Named("leadership")
  Service service(SingleNodeLeadership leadership) {
    return leadership;
  }
}
