package org.epum.server.config;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The Provisioner EPUM calls: the embedded one (the default) or an external one at an endpoint.
 *
 * @param embedded run a Provisioner inside this server (driver {@code driver}); false means call the
 *     one at {@code endpoint}. Setting an endpoint without saying {@code embedded} means external.
 * @param endpoint the external Provisioner's gRPC address; empty when embedded
 * @param timeout the deadline of each call
 * @param vars launch vars sent with every launch (a domain's engine_conf.provisioner_vars win)
 * @param driver the embedded Provisioner's cloud driver: {@code sim} (simulated) or {@code local}
 *     (an epum-agent process per instance on this host)
 * @param storeRoot the ZooKeeper path where the embedded Provisioner keeps its nodes; empty means
 *     zookeeper.root + "-provisioner"
 * @param pushRetry the longest wait between retries of an unacknowledged InstanceStates push
 */
public record ProvisionerConfig(boolean embedded, String endpoint, Duration timeout, Map<String, Object> vars,
    String driver, String storeRoot, Duration pushRetry) {
  public ProvisionerConfig {
    vars = Map.copyOf(vars);
    if (embedded && !endpoint.isEmpty()) {
      throw new IllegalArgumentException("provisioner.embedded is true but provisioner.endpoint is set to '" + endpoint
          + "'; set embedded: false to use the external provisioner, or remove the endpoint");
    }
    if (!embedded && endpoint.isEmpty()) {
      throw new IllegalArgumentException("provisioner.embedded is false, so provisioner.endpoint must name the "
          + "external provisioner (host:port)");
    }
    if (!Set.of("sim", "local").contains(driver)) {
      throw new IllegalArgumentException("provisioner.driver must be one of [local, sim], got '" + driver + "'");
    }
    if (!storeRoot.isEmpty() && (!storeRoot.startsWith("/") || storeRoot.endsWith("/"))) {
      throw new IllegalArgumentException("provisioner.store_root must be an absolute path like /epum-provisioner, got '"
          + storeRoot + "'");
    }
    if (pushRetry.isNegative() || pushRetry.isZero()) {
      throw new IllegalArgumentException("provisioner.push_retry must be > 0");
    }
  }
}
