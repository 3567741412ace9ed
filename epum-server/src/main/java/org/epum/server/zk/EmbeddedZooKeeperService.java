package org.epum.server.zk;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractIdleService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.epum.server.config.ConfigException;
import org.epum.server.config.EmbeddedZooKeeperConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real standalone ZooKeeper server inside this JVM, listening on loopback and persisting to
 * {@code embedded_zookeeper.data_dir}, so the embedded default keeps its state across restarts.
 */
public final class EmbeddedZooKeeperService extends AbstractIdleService {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeperService.class);
  private static final long START_TIMEOUT_MS = 30_000;

  private final EmbeddedZooKeeperConfig config;
  private ZooKeeperServerEmbedded server;

  public EmbeddedZooKeeperService(EmbeddedZooKeeperConfig config) {
    this.config = requireNonNull(config);
  }

  /** The connect string clients use. */
  public String connectString() {
    return config.listen().toString();
  }

  @Override
  protected void startUp() throws Exception {
    Path dataDir = config.dataDir().toAbsolutePath();
    Files.createDirectories(dataDir);
    Properties p = new Properties();
    p.setProperty("dataDir", dataDir.toString());
    p.setProperty("clientPortAddress", config.listen().host());
    p.setProperty("clientPort", Integer.toString(config.listen().port()));
    // tickTime 1000 lets clients negotiate sessions down to 2 s (min = 2 x tickTime).
    p.setProperty("tickTime", "1000");
    p.setProperty("initLimit", "10");
    p.setProperty("syncLimit", "5");
    p.setProperty("admin.enableServer", "false");
    p.setProperty("4lw.commands.whitelist", "ruok,stat,srvr,mntr");
    p.setProperty("autopurge.snapRetainCount", "3");
    p.setProperty("autopurge.purgeInterval", "1");
    server = ZooKeeperServerEmbedded.builder().baseDir(dataDir).configuration(p)
        .exitHandler(ExitHandler.LOG_ONLY).build();
    try {
      server.start(START_TIMEOUT_MS);
    } catch (Exception e) {
      server.close();
      throw new ConfigException("embedded ZooKeeper could not start on " + config.listen() + " with data in "
          + dataDir + " (" + e.getMessage() + "); is another EPUM or ZooKeeper using that port? Change "
          + "embedded_zookeeper.listen or stop the other process", e);
    }
    log.info("embedded ZooKeeper serving {} with data in {}", connectString(), dataDir);
  }

  @Override
  protected void shutDown() {
    if (server != null) {
      server.close();
      log.info("embedded ZooKeeper stopped");
    }
  }
}
