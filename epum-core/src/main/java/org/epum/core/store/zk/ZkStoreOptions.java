package org.epum.core.store.zk;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Settings of a {@link ZooKeeperEpumStore}.
 *
 * @param root the store's base znode, e.g. {@code /epum}; absolute, no trailing slash
 * @param maxRecordBytes the largest encoded record the store accepts; below ZooKeeper's 1 MiB
 *     {@code jute.maxbuffer}, so that a record plus the rest of its transaction still fits a request
 * @param cacheSyncTimeout how long a write waits for the store's cache to show it before returning
 *     (the write has landed either way; a timeout is logged)
 * @param startTimeout how long {@link ZooKeeperEpumStore#start()} waits for the cache's initial load
 */
public record ZkStoreOptions(String root, long maxRecordBytes, Duration cacheSyncTimeout, Duration startTimeout) {
  public static final String DEFAULT_ROOT = "/epum";
  public static final long DEFAULT_MAX_RECORD_BYTES = 1_000_000;
  public static final Duration DEFAULT_CACHE_SYNC_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

  /** Znode data above 1 MiB is refused by ZooKeeper's default {@code jute.maxbuffer}. */
  private static final long ZOOKEEPER_MAX_DATA = 1_048_575;

  public ZkStoreOptions {
    requireNonNull(root, "root");
    requireNonNull(cacheSyncTimeout, "cacheSyncTimeout");
    requireNonNull(startTimeout, "startTimeout");
    if (!root.startsWith("/") || root.length() < 2 || root.endsWith("/") || root.contains("//")) {
      throw new IllegalArgumentException("store root must be an absolute znode path such as /epum, got '" + root + "'");
    }
    if (maxRecordBytes < 1024 || maxRecordBytes > ZOOKEEPER_MAX_DATA - 16 * 1024) {
      throw new IllegalArgumentException("maxRecordBytes must be between 1024 and "
          + (ZOOKEEPER_MAX_DATA - 16 * 1024) + " (ZooKeeper's 1 MiB limit less room for the rest of a"
          + " transaction), got " + maxRecordBytes);
    }
    if (cacheSyncTimeout.isNegative() || cacheSyncTimeout.isZero()) {
      throw new IllegalArgumentException("cacheSyncTimeout must be > 0, got " + cacheSyncTimeout);
    }
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException("startTimeout must be > 0, got " + startTimeout);
    }
  }

  /** The three settings most callers choose; the initial-load wait keeps its default. */
  public ZkStoreOptions(String root, long maxRecordBytes, Duration cacheSyncTimeout) {
    this(root, maxRecordBytes, cacheSyncTimeout, DEFAULT_START_TIMEOUT);
  }

  public static ZkStoreOptions defaults() {
    return new ZkStoreOptions(DEFAULT_ROOT, DEFAULT_MAX_RECORD_BYTES, DEFAULT_CACHE_SYNC_TIMEOUT);
  }

  public ZkStoreOptions withRoot(String newRoot) {
    return new ZkStoreOptions(newRoot, maxRecordBytes, cacheSyncTimeout, startTimeout);
  }
}
