package org.epum.server.config;

import java.time.Duration;
import java.util.Map;

/**
 * The Provisioner EPUM calls.
 *
 * @param endpoint its gRPC address
 * @param timeout the deadline of each call
 * @param vars launch vars sent with every launch (a domain's engine_conf.provisioner_vars win)
 */
public record ProvisionerConfig(String endpoint, Duration timeout, Map<String, Object> vars) {
  public ProvisionerConfig {
    vars = Map.copyOf(vars);
  }
}
