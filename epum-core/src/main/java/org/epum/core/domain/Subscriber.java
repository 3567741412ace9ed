package org.epum.core.domain;

import static java.util.Objects.requireNonNull;

/**
 * Someone to tell about a domain's instances: a name and the gRPC endpoint ({@code host:port})
 * that implements {@code Subscriber.NodeState}.
 */
public record Subscriber(String name, String endpoint) {
  public Subscriber {
    requireNonNull(name, "name");
    requireNonNull(endpoint, "endpoint");
  }
}
