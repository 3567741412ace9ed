package org.epum.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, strict reading of one YAML mapping: every getter records the key as known, and
 * {@link #finish()} refuses any key nobody asked for, naming the known ones.
 */
final class ConfigSection {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  private final String path;
  private final ObjectNode node;
  private final Set<String> known = new LinkedHashSet<>();

  ConfigSection(String path, JsonNode node) {
    this.path = path;
    if (node != null && !node.isNull() && !node.isObject()) {
      throw new ConfigException(where("") + " must be a mapping of keys, got " + node.getNodeType());
    }
    this.node = node == null || node.isNull() ? null : (ObjectNode) node;
  }

  ConfigSection section(String key) {
    known.add(key);
    return new ConfigSection(qualified(key), node == null ? null : node.get(key));
  }

  String string(String key, String defaultValue) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isValueNode() || v.isNull()) {
      throw bad(key, "a string", v);
    }
    return v.asText();
  }

  boolean bool(String key, boolean defaultValue) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(v.asText());
    }
    throw bad(key, "true or false", v);
  }

  int integer(String key, int defaultValue, int min, int max) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    int parsed;
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      parsed = v.intValue();
    } else if (v.isTextual() && v.asText().matches("-?\\d+")) {
      parsed = Integer.parseInt(v.asText());
    } else {
      throw bad(key, "a whole number", v);
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(qualified(key) + " must be between " + min + " and " + max + ", got " + parsed);
    }
    return parsed;
  }

  /** A duration: a number of seconds, or a number with ms, s, m or h ("500ms", "10s", "5m"). */
  Duration duration(String key, Duration defaultValue) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    Matcher m = DURATION.matcher(v.asText().trim().toLowerCase(Locale.ROOT));
    if (!v.isValueNode() || !m.matches()) {
      throw bad(key, "a duration such as 10s, 500ms, 5m or a number of seconds", v);
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double millis = switch (unit) {
      case "ms" -> amount;
      case "s" -> amount * 1_000;
      case "m" -> amount * 60_000;
      default -> amount * 3_600_000;
    };
    return Duration.ofMillis(Math.round(millis));
  }

  <E extends Enum<E>> E oneOf(String key, Class<E> type, E defaultValue) {
    String text = string(key, null);
    if (text == null) {
      return defaultValue;
    }
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      Set<String> allowed = new TreeSet<>();
      for (E c : type.getEnumConstants()) {
        allowed.add(c.name().toLowerCase(Locale.ROOT));
      }
      throw new ConfigException(qualified(key) + " must be one of " + allowed + ", got '" + text + "'", e);
    }
  }

  HostPort hostPort(String key, String defaultValue) {
    String text = string(key, defaultValue);
    try {
      return HostPort.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(qualified(key) + ": " + e.getMessage(), e);
    }
  }

  /** A list of strings (a YAML sequence of scalars). */
  List<String> stringList(String key, List<String> defaultValue) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isArray()) {
      throw bad(key, "a list of strings", v);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isValueNode() || e.isNull()) {
        throw bad(key, "a list of strings", v);
      }
      out.add(e.asText());
    }
    return out;
  }

  /** A free-form mapping (e.g. launch vars), as plain values; empty when absent. */
  Map<String, Object> map(String key) {
    JsonNode v = value(key);
    if (v == null) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw bad(key, "a mapping of keys to values", v);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    v.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
    return out;
  }

  private static Object plain(JsonNode n) {
    if (n.isIntegralNumber()) {
      return n.longValue();
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isArray()) {
      List<Object> list = new ArrayList<>();
      n.forEach(e -> list.add(plain(e)));
      return list;
    }
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      n.fields().forEachRemaining(e -> m.put(e.getKey(), plain(e.getValue())));
      return m;
    }
    return n.isNull() ? null : n.asText();
  }

  /** A number in [min, max]. */
  double decimal(String key, double defaultValue, double min, double max) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    double parsed;
    if (v.isNumber()) {
      parsed = v.doubleValue();
    } else if (v.isTextual() && v.asText().trim().matches("-?\\d+(\\.\\d+)?")) {
      parsed = Double.parseDouble(v.asText().trim());
    } else {
      throw bad(key, "a number", v);
    }
    if (!(parsed >= min && parsed <= max)) {
      throw new ConfigException(qualified(key) + " must be between " + min + " and " + max + ", got " + parsed);
    }
    return parsed;
  }

  /** The keys of this mapping, in file order; each is marked known (for name-keyed maps such as sites). */
  List<String> keys() {
    List<String> out = new ArrayList<>();
    if (node != null) {
      node.fieldNames().forEachRemaining(out::add);
    }
    known.addAll(out);
    return out;
  }

  /** Whether the key is present. */
  boolean has(String key) {
    return node != null && node.hasNonNull(key);
  }

  /** Fails on any key that no getter asked for. */
  void finish() {
    if (node == null) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        throw new ConfigException("unknown config key " + qualified(key) + "; known keys"
            + (path.isEmpty() ? "" : " under " + path) + " are " + new TreeSet<>(known));
      }
    }
  }

  String qualified(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private JsonNode value(String key) {
    known.add(key);
    JsonNode v = node == null ? null : node.get(key);
    return v == null || v.isNull() ? null : v;
  }

  private String where(String key) {
    return key.isEmpty() ? (path.isEmpty() ? "the config" : path) : qualified(key);
  }

  private ConfigException bad(String key, String expected, JsonNode got) {
    return new ConfigException(qualified(key) + " must be " + expected + ", got '" + got.asText() + "'");
  }
}
