package org.epum.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.epum.server.config.ConfigLoader;
import org.epum.server.config.EpumConfig;

/** Builds server configs for tests from YAML snippets, through the real ConfigLoader. */
public final class TestServers {
  /** Replicas in one JVM share host and pid, so their names must differ for distinct election ids. */
  private static final AtomicInteger REPLICAS = new AtomicInteger();

  private TestServers() {}

  /** A replica on an ephemeral loopback port over the given ZooKeeper, in external-decide mode. */
  public static EpumConfig zooKeeperConfig(String connect, String root, String extraYaml) {
    return load("""
        server: {listen: "127.0.0.1:0", replica_name: test-%d}
        store: {type: zookeeper}
        zookeeper: {connect: "%s", root: "%s", session_timeout: 4s, connection_timeout: 2s}
        epum: {external_decide: true}
        %s
        """.formatted(REPLICAS.incrementAndGet(), connect, root, extraYaml));
  }

  public static EpumConfig load(String yaml) {
    try {
      Path file = Files.createTempFile("epum-test", ".yaml");
      try {
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, Map.of());
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
