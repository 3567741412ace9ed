package org.epum.server.config;

import java.time.Duration;

/**
 * The ZooKeeper client.
 *
 * @param connect the ensemble (used when store.type is zookeeper)
 * @param root the path under which EPUM keeps everything
 */
public record ZooKeeperConfig(String connect, String root, Duration sessionTimeout, Duration connectionTimeout) {
  public ZooKeeperConfig {
    if (!root.startsWith("/") || root.length() < 2 || root.endsWith("/")) {
      throw new IllegalArgumentException("zookeeper.root must be an absolute path like /epum, got '" + root + "'");
    }
    if (connectionTimeout.compareTo(sessionTimeout) > 0) {
      throw new IllegalArgumentException("zookeeper.connection_timeout must not exceed zookeeper.session_timeout");
    }
  }
}
