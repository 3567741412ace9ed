package org.epum.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.epum.core.domain.Names;
import org.epum.core.error.EpumException;
import org.epum.server.config.ConfigException;

/**
 * Bearer tokens and whom they stand for, from a YAML file:
 * <pre>
 * tokens:
 *   - {token: "...", owner: alice, roles: [user]}
 * </pre>
 */
public final class TokenRegistry {
  private final Map<String, Caller> byToken;

  TokenRegistry(Map<String, Caller> byToken) {
    this.byToken = Map.copyOf(byToken);
  }

  public static TokenRegistry load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read auth.tokens_file " + file + ": " + e.getMessage(), e);
    }
    JsonNode tokens = root == null ? null : root.get("tokens");
    if (tokens == null || !tokens.isArray()) {
      throw new ConfigException(file + " must have a 'tokens' list of {token, owner, roles}");
    }
    Map<String, Caller> byToken = new HashMap<>();
    int index = 0;
    for (JsonNode entry : tokens) {
      String where = file + " tokens[" + index++ + "]";
      String token = entry.path("token").asText("");
      if (token.length() < 8) {
        throw new ConfigException(where + ": token must be at least 8 characters");
      }
      String owner;
      try {
        owner = Names.check("owner", entry.path("owner").asText(""));
      } catch (EpumException e) {
        throw new ConfigException(where + ": " + e.getMessage(), e);
      }
      if (byToken.put(token, new Caller(owner, roles(entry.path("roles"), where))) != null) {
        throw new ConfigException(where + ": the same token appears twice");
      }
    }
    return new TokenRegistry(byToken);
  }

  public Optional<Caller> find(String token) {
    return Optional.ofNullable(byToken.get(token));
  }

  private static Set<Role> roles(JsonNode node, String where) {
    if (!node.isArray() || node.isEmpty()) {
      throw new ConfigException(where + ": roles must be a non-empty list of user, admin, agent, provisioner");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (JsonNode r : node) {
      try {
        roles.add(Role.valueOf(r.asText().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where + ": unknown role '" + r.asText()
            + "'; roles are user, admin, agent, provisioner", e);
      }
    }
    return roles;
  }
}
