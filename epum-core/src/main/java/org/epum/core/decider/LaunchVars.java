package org.epum.core.decider;

import java.util.LinkedHashMap;
import java.util.Map;
import org.epum.core.domain.DomainConfig;

/**
 * Composes a launch's vars (DESIGN §7), later sources winning: server provisioner_vars, the
 * domain's engine_conf.provisioner_vars, general.chef_credential, the engine's extravars, then
 * node_id (the instance id) and heartbeat_dest (where the agent must send heartbeats).
 */
final class LaunchVars {
  private LaunchVars() {}

  static Map<String, Object> compose(Map<String, Object> serverVars, DomainConfig config,
      Map<String, Object> extravars, String instanceId, String heartbeatDest) {
    Map<String, Object> vars = new LinkedHashMap<>(serverVars);
    if (config.section(DomainConfig.ENGINE_CONF).get("provisioner_vars") instanceof Map<?, ?> domainVars) {
      domainVars.forEach((k, v) -> vars.put(String.valueOf(k), v));
    }
    config.get(DomainConfig.GENERAL, "chef_credential").ifPresent(c -> vars.put("chef_credential", c));
    vars.putAll(extravars);
    vars.put("node_id", instanceId);
    vars.put("heartbeat_dest", heartbeatDest);
    return vars;
  }
}
