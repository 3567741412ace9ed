package org.epum.server.config;

import java.nio.file.Path;

/** The in-process ZooKeeper server of the embedded default. */
public record EmbeddedZooKeeperConfig(Path dataDir, HostPort listen) {}
