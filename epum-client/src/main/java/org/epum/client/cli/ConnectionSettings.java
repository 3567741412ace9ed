package org.epum.client.cli;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Where and as whom {@code epumctl} connects, resolved from the global options and environment.
 *
 * @param server the target, e.g. {@code localhost:7650}
 * @param token the bearer token, or null for none
 * @param actAs the owner an admin acts for, or null for the caller itself
 * @param timeout the deadline of each call
 */
public record ConnectionSettings(String server, String token, String actAs, Duration timeout) {
  public ConnectionSettings {
    requireNonNull(server, "server");
    requireNonNull(timeout, "timeout");
  }
}
