package org.epum.server.dtrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.epum.core.error.EpumException;
import org.epum.proto.v1.Credentials;
import org.epum.proto.v1.DeployableType;
import org.epum.proto.v1.Site;
import org.epum.server.config.ConfigException;

/**
 * Reads the DTRS seed from a directory of YAML files ({@code *.yaml}, in name order). Each file
 * may hold {@code sites} (name → {description, driver, properties}), {@code deployable_types}
 * (name → {description, sites: {site → {image, default_allocation, properties}}, document}) and
 * {@code credentials} (a list of {owner, site, values}). Unknown keys and a name defined twice
 * stop the start with a message naming the file.
 */
public final class DtrsFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SECTIONS = Set.of("sites", "deployable_types", "credentials");

  private DtrsFiles() {}

  /** Loads every file into the registry (sites first, so types and credentials may name them). */
  public static void load(Path dir, DtrsRegistry registry) {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString()
          .endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new ConfigException("cannot read dtrs.dir " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    List<JsonNode> roots = files.stream().map(DtrsFiles::read).toList();
    for (int pass = 0; pass < 3; pass++) {
      for (int i = 0; i < files.size(); i++) {
        try {
          apply(pass, roots.get(i), registry);
        } catch (EpumException | IllegalArgumentException e) {
          throw new ConfigException("DTRS file " + files.get(i) + ": " + e.getMessage(), e);
        }
      }
    }
  }

  private static JsonNode read(Path file) {
    try {
      JsonNode root = YAML.readTree(Files.readString(file));
      if (root == null || root.isNull() || root.isMissingNode()) {
        return YAML.createObjectNode();
      }
      if (!root.isObject()) {
        throw new ConfigException("DTRS file " + file + " must be a mapping with sites, deployable_types, credentials");
      }
      for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!SECTIONS.contains(key)) {
          throw new ConfigException("DTRS file " + file + ": unknown key '" + key + "'; known keys are " + SECTIONS);
        }
      }
      return root;
    } catch (IOException e) {
      throw new ConfigException("cannot read DTRS file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void apply(int pass, JsonNode root, DtrsRegistry registry) {
    switch (pass) {
      case 0 -> named(root.get("sites"), "sites", (name, body) -> registry.addSite(
          parse(body, name, Site.newBuilder()).build(), false));
      case 1 -> named(root.get("deployable_types"), "deployable_types", (name, body) -> registry.addDeployableType(
          parse(body, name, DeployableType.newBuilder()).build(), false));
      default -> {
        JsonNode creds = root.get("credentials");
        if (creds == null || creds.isNull()) {
          return;
        }
        if (!creds.isArray()) {
          throw new IllegalArgumentException("credentials must be a list of {owner, site, values}");
        }
        for (JsonNode c : creds) {
          registry.addCredentials(parse(c, null, Credentials.newBuilder()).build(), false);
        }
      }
    }
  }

  private static void named(JsonNode section, String what, BiConsumer<String, JsonNode> add) {
    if (section == null || section.isNull()) {
      return;
    }
    if (!section.isObject()) {
      throw new IllegalArgumentException(what + " must be a mapping of name to definition");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
      var e = it.next();
      add.accept(e.getKey(), e.getValue() == null || e.getValue().isNull() ? JSON.createObjectNode() : e.getValue());
    }
  }

  @SuppressWarnings("unchecked")
  private static <B extends Message.Builder> B parse(JsonNode body, String name, B builder) {
    if (!body.isObject()) {
      throw new IllegalArgumentException((name == null ? "an entry" : name) + " must be a mapping");
    }
    ObjectNode copy = ((ObjectNode) body).deepCopy();
    if (name != null) {
      copy.put("name", name);
    }
    try {
      JsonFormat.parser().merge(JSON.writeValueAsString(copy), builder);
      return builder;
    } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException((name == null ? "" : name + ": ") + e.getMessage(), e);
    }
  }
}
