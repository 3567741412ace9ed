package org.epum.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.epum.server.config.ConfigException;
import org.epum.server.config.ConfigLoader;
import org.epum.server.config.EpumConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code epum-server [--config FILE]}: loads the config (default conf/epum.yaml), starts the
 * replica, and stops it gracefully on SIGTERM or Ctrl-C. Exit codes: 0 stopped cleanly, 2 bad
 * arguments or config, 1 failed to start.
 */
public final class EpumServerMain {
  private static final Logger log = LoggerFactory.getLogger(EpumServerMain.class);

  private EpumServerMain() {}

  public static void main(String[] args) {
    Path configFile = Path.of("conf/epum.yaml");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config", "-c" -> {
          if (i + 1 >= args.length) {
            usage("--config needs a file");
          }
          configFile = Path.of(args[++i]);
        }
        case "--help", "-h" -> {
          System.out.println("usage: epum-server [--config FILE]   (default conf/epum.yaml)");
          return;
        }
        default -> usage("unknown argument " + args[i]);
      }
    }
    EpumConfig config;
    EpumServer server;
    try {
      if (!Files.isRegularFile(configFile)) {
        throw new ConfigException("config file " + configFile.toAbsolutePath() + " does not exist; pass --config FILE");
      }
      config = ConfigLoader.load(configFile, System.getenv());
      server = EpumServer.create(config);
    } catch (ConfigException e) {
      System.err.println("epum-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      server.start();
    } catch (RuntimeException e) {
      log.error("EPUM failed to start: {}", e.getMessage(), e instanceof ConfigException ? null : e);
      System.exit(1);
      return;
    }
    log.info("EPUM {} started: store {}, API on {}:{}{}", EpumServer.VERSION, config.store().name().toLowerCase(),
        config.server().listen().host(), server.port(), config.mode().externalDecide() ? ", external-decide mode" : "");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping EPUM");
      server.stop();
      log.info("EPUM stopped");
      stopped.countDown();
    }, "epum-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void usage(String message) {
    System.err.println("epum-server: " + message + "\nusage: epum-server [--config FILE]");
    System.exit(2);
  }
}
