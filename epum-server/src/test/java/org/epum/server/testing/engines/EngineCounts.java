package org.epum.server.testing.engines;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.epum.core.domain.DomainKey;

/**
 * What the test engines were asked to do, per domain (scenario harness H6). Static because the
 * decider creates engines through ServiceLoader; tests use domain ids unique to the test.
 */
public final class EngineCounts {
  private static final Map<DomainKey, EngineCounts> BY_DOMAIN = new ConcurrentHashMap<>();

  public final AtomicInteger initialized = new AtomicInteger();
  public final AtomicInteger decided = new AtomicInteger();
  public final AtomicInteger reconfigured = new AtomicInteger();
  public final AtomicInteger died = new AtomicInteger();
  public volatile Map<String, Object> initialConf = Map.of();

  public static EngineCounts of(DomainKey key) {
    return BY_DOMAIN.computeIfAbsent(key, k -> new EngineCounts());
  }
}
