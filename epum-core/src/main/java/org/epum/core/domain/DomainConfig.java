package org.epum.core.domain;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.epum.core.error.EpumException;

/**
 * A domain or definition config: named sections ({@code general}, {@code health},
 * {@code engine_conf}, ...) each holding free-form keys. Values are deeply immutable and
 * normalised to String, Long, Double, Boolean, List or Map, so a config read back from the store
 * equals the one written and an integer stays an integer.
 */
public final class DomainConfig {
  public static final String GENERAL = "general";
  public static final String HEALTH = "health";
  public static final String ENGINE_CONF = "engine_conf";

  private static final DomainConfig EMPTY = new DomainConfig(Map.of());

  private final Map<String, Map<String, Object>> sections;

  private DomainConfig(Map<String, Map<String, Object>> sections) {
    this.sections = sections;
  }

  public static DomainConfig empty() {
    return EMPTY;
  }

  /**
   * Builds a config from decoded JSON/YAML/protobuf values.
   *
   * @throws EpumException INVALID_ARGUMENT if a section is not a map, a value is null, or a value
   *     has a type that no config can hold
   */
  public static DomainConfig of(Map<String, ?> raw) {
    requireNonNull(raw, "raw");
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : raw.entrySet()) {
      String section = requireKey(e.getKey(), "");
      if (!(e.getValue() instanceof Map<?, ?> m)) {
        throw EpumException.invalidArgument("config section '" + section + "' must be a map of keys to values, got "
            + describe(e.getValue()) + "; write it as " + section + ": {key: value}");
      }
      out.put(section, normaliseMap(m, section));
    }
    return new DomainConfig(Collections.unmodifiableMap(out));
  }

  /** The sections in insertion order; each section is an immutable map. */
  public Map<String, Map<String, Object>> sections() {
    return sections;
  }

  /** The section's keys, or an empty map when the section is absent. */
  public Map<String, Object> section(String name) {
    return sections.getOrDefault(name, Map.of());
  }

  public Optional<Object> get(String section, String key) {
    return Optional.ofNullable(section(section).get(key));
  }

  public boolean isEmpty() {
    return sections.isEmpty();
  }

  /**
   * Section-by-section shallow merge: a section in {@code override} replaces the keys of the same
   * name in this config's section; nested values are replaced whole, never merged.
   */
  public DomainConfig mergedWith(DomainConfig override) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>(sections);
    override.sections.forEach((name, keys) -> {
      Map<String, Object> merged = new LinkedHashMap<>(section(name));
      merged.putAll(keys);
      out.put(name, Collections.unmodifiableMap(merged));
    });
    return new DomainConfig(Collections.unmodifiableMap(out));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DomainConfig other && sections.equals(other.sections);
  }

  @Override
  public int hashCode() {
    return sections.hashCode();
  }

  @Override
  public String toString() {
    return sections.toString();
  }

  private static Map<String, Object> normaliseMap(Map<?, ?> m, String path) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String key = requireKey(e.getKey(), path);
      out.put(key, normalise(e.getValue(), path + "." + key));
    }
    return Collections.unmodifiableMap(out);
  }

  private static Object normalise(Object v, String path) {
    if (v == null) {
      throw EpumException.invalidArgument("config value at " + path + " is null; give a value or leave the key out");
    }
    if (v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof java.math.BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    if (v instanceof java.math.BigDecimal d) {
      return d.doubleValue();
    }
    if (v instanceof Map<?, ?> m) {
      return normaliseMap(m, path);
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.add(normalise(list.get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(out);
    }
    throw EpumException.invalidArgument("config value at " + path + " has unsupported type "
        + v.getClass().getSimpleName() + "; use a string, number, boolean, list or map");
  }

  private static String requireKey(Object key, String path) {
    if (!(key instanceof String s) || s.isEmpty()) {
      throw EpumException.invalidArgument("config key " + (path.isEmpty() ? "" : "under " + path + " ")
          + "must be a non-empty string, got " + describe(key));
    }
    return s;
  }

  static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "the string \"" + s + "\"";
    }
    if (v instanceof List<?>) {
      return "a list";
    }
    if (v instanceof Map<?, ?>) {
      return "a map";
    }
    if (v instanceof Boolean) {
      return "a boolean (" + v + ")";
    }
    if (v instanceof Number) {
      return "a number (" + v + ")";
    }
    return "a " + v.getClass().getSimpleName();
  }
}
