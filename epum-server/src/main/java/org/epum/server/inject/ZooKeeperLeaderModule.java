package org.epum.server.inject;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.name.Named;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.apache.curator.framework.CuratorFramework;
import org.epum.core.leader.CuratorLeadership;
import org.epum.core.leader.LeaderDirectory;
import org.epum.core.leader.Leadership;
import org.epum.core.store.EpumStore;
import org.epum.core.store.zk.ZooKeeperEpumStore;
import org.epum.server.config.ServerConfig;
import org.epum.server.config.ZooKeeperConfig;

/**
 * Public bindings: {@link Leadership} and {@link LeaderDirectory} by Curator leader latches under
 * {@code <root>/elections/<role>}, and {@code @Named("leadership") Service} (started by EpumServer
 * after the store).
 */
public final class ZooKeeperLeaderModule extends AbstractModule {
  private final String participantId;

  /** @param participantId this replica's id in the elections ({@code name:host:pid}) */
  public ZooKeeperLeaderModule(String participantId) {
    this.participantId = requireNonNull(participantId);
  }

  @Provides
  @Singleton
  CuratorLeadership curatorLeadership(CuratorFramework client, EpumStore store, ZooKeeperEpumStore zk,
      ServerConfig server, ZooKeeperConfig zkConfig, MeterRegistry meters) {
    return new CuratorLeadership(client, store, role -> zk.paths().election(role), participantId,
        server.leadRoles(), zkConfig.connectionTimeout(), meters);
  }

  @Provides
  @Singleton
  Leadership leadership(CuratorLeadership leadership) {
    return leadership;
  }

  @Provides
  @Singleton
  LeaderDirectory leaderDirectory(CuratorLeadership leadership) {
    return leadership;
  }

  @Provides
  @Singleton
  @Named("leadership")
  Service service(CuratorLeadership leadership) {
    return leadership;
  }
}
