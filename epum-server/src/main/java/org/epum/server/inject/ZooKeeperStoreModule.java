package org.epum.server.inject;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Singleton;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.epum.core.events.DomainEventLog;
import org.epum.core.store.EpumStore;
import org.epum.core.store.zk.ZkStoreOptions;
import org.epum.core.store.zk.ZooKeeperEpumStore;
import org.epum.server.config.ZooKeeperConfig;

/**
 * Public bindings: {@link CuratorFramework} (built, not started: CuratorService starts and closes
 * it), {@link ZooKeeperEpumStore}, {@link EpumStore} and {@link DomainEventLog} (started by StoreService).
 */
public final class ZooKeeperStoreModule extends AbstractModule {
  private final String connectString;

  /** @param connectString the ensemble: zookeeper.connect, or the embedded server's address */
  public ZooKeeperStoreModule(String connectString) {
    this.connectString = requireNonNull(connectString);
  }

  @Provides
  @Singleton
  CuratorFramework curator(ZooKeeperConfig config) {
    return CuratorFrameworkFactory.builder().connectString(connectString)
        .sessionTimeoutMs((int) config.sessionTimeout().toMillis())
        .connectionTimeoutMs((int) config.connectionTimeout().toMillis())
        .retryPolicy(new ExponentialBackoffRetry(100, 5, 2_000))
        .build();
  }

  @Provides
  @Singleton
  ZooKeeperEpumStore zooKeeperStore(CuratorFramework curator, ZooKeeperConfig config) {
    return new ZooKeeperEpumStore(curator, ZkStoreOptions.defaults().withRoot(config.root()));
  }

  @Provides
  @Singleton
  EpumStore store(ZooKeeperEpumStore store) {
    return store;
  }

  @Provides
  @Singleton
  DomainEventLog events(ZooKeeperEpumStore store) {
    return store;
  }
}
