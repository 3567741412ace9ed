package org.epum.server.zk;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractIdleService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.epum.server.config.ConfigException;
import org.epum.server.config.ZooKeeperConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Owns the Curator client: starts it, waits for a first connection, closes it last. */
public final class CuratorService extends AbstractIdleService {
  private static final Logger log = LoggerFactory.getLogger(CuratorService.class);
  private static final long FIRST_CONNECT_SECONDS = 30;

  private final CuratorFramework curator;
  private final String connectString;
  private final ZooKeeperConfig config;

  public CuratorService(CuratorFramework curator, String connectString, ZooKeeperConfig config) {
    this.curator = requireNonNull(curator);
    this.connectString = requireNonNull(connectString);
    this.config = requireNonNull(config);
  }

  @Override
  protected void startUp() throws Exception {
    curator.start();
    if (!curator.blockUntilConnected((int) FIRST_CONNECT_SECONDS, TimeUnit.SECONDS)) {
      curator.close();
      throw new ConfigException("cannot reach ZooKeeper at " + connectString + " within " + FIRST_CONNECT_SECONDS
          + " s; start it, or point zookeeper.connect (EPUM_ZOOKEEPER_CONNECT) at a running ensemble");
    }
    log.info("connected to ZooKeeper at {} (session timeout {} ms negotiated, {} asked)", connectString,
        curator.getZookeeperClient().getZooKeeper().getSessionTimeout(), config.sessionTimeout().toMillis());
  }

  @Override
  protected void shutDown() {
    curator.close();
  }
}
