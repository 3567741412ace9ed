package org.epum.server.config;

import java.nio.file.Path;

/**
 * Caller identity.
 *
 * @param mode NONE: every caller is {@code defaultOwner} with every role (loopback only);
 *     TOKEN: bearer tokens from {@code tokensFile}
 */
public record AuthConfig(Mode mode, Path tokensFile, String defaultOwner) {
  public enum Mode { NONE, TOKEN }
}
