package org.epum.server.config;

/** Which store backs the server. */
public enum StoreType {
  /** A ZooKeeper server inside this process, persisting under embedded_zookeeper.data_dir. */
  EMBEDDED,
  /** An external ZooKeeper ensemble at zookeeper.connect. */
  ZOOKEEPER,
  /** In memory: nothing survives a restart; single replica only. */
  MEMORY
}
