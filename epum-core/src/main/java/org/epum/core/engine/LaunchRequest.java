package org.epum.core.engine;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** What an engine asks to launch: one instance of a deployable type at a site. */
public record LaunchRequest(String deployableType, String site, String allocation, Map<String, Object> extravars) {
  public LaunchRequest {
    requireNonNull(deployableType, "deployableType");
    requireNonNull(site, "site");
    requireNonNull(allocation, "allocation");
    extravars = extravars == null ? Map.of() : Map.copyOf(extravars);
  }
}
