package org.epum.core.provisioner;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** One Provision request: launch this instance (idempotent on instanceId). */
public record ProvisionCall(String launchId, String instanceId, String deployableType, String site, String allocation,
    Map<String, Object> vars, String owner, long epoch) {
  public ProvisionCall {
    requireNonNull(launchId, "launchId");
    requireNonNull(instanceId, "instanceId");
    vars = Map.copyOf(vars);
  }
}
