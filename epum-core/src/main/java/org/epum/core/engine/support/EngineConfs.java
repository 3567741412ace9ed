package org.epum.core.engine.support;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.epum.core.error.EpumException;

/**
 * Typed reads of one engine's {@code engine_conf}, for the engines' validators. Every failure is an
 * INVALID_ARGUMENT that names the key, says what it must be and what it got, e.g.
 * {@code engine_conf.preserve_n must be a whole number >= 0, got the string "abc"}.
 *
 * <p>Numbers may arrive as Long, Integer or Double (a protobuf Struct carries every number as a
 * double), so a whole number written as {@code 2.0} is accepted as 2; {@code 2.5} is not.
 */
public final class EngineConfs {
  private static final String PREFIX = "engine_conf.";

  private final Map<String, Object> conf;
  private final String prefix;

  private EngineConfs(Map<String, Object> conf, String prefix) {
    this.conf = conf == null ? Map.of() : conf;
    this.prefix = requireNonNull(prefix);
  }

  /** Wraps a conf; null is read as an empty conf. */
  public static EngineConfs of(Map<String, Object> conf) {
    return new EngineConfs(conf, PREFIX);
  }

  /**
   * Wraps a map nested in the conf, e.g. one entry of a list, so that messages name its path.
   *
   * @param path how the map is named in messages, e.g. {@code engine_conf.clouds[1]}
   */
  public static EngineConfs nested(Map<String, Object> map, String path) {
    return new EngineConfs(map, path + ".");
  }

  /** Whether the key is present at all. */
  public boolean has(String key) {
    return conf.containsKey(key);
  }

  /** A whole number >= min that must be present. */
  public int requireInt(String key, int min) {
    requirePresent(key, "a whole number >= " + min);
    return optionalInt(key, min).orElseThrow();
  }

  /** A whole number >= min, or {@code defaultValue} when absent. */
  public int optionalInt(String key, int min, int defaultValue) {
    return optionalInt(key, min).orElse(defaultValue);
  }

  /** A whole number >= min, or empty when absent. */
  public OptionalInt optionalInt(String key, int min) {
    Object v = conf.get(key);
    if (v == null) {
      return OptionalInt.empty();
    }
    String want = "a whole number >= " + min;
    if (!(v instanceof Number n)) {
      throw fail(key, want, v);
    }
    double d = n.doubleValue();
    if (Double.isNaN(d) || d != Math.rint(d) || d < min || d > Integer.MAX_VALUE) {
      throw fail(key, want, v);
    }
    return OptionalInt.of((int) d);
  }

  /** Any finite number, or empty when absent. */
  public OptionalDouble optionalNumber(String key) {
    Object v = conf.get(key);
    if (v == null) {
      return OptionalDouble.empty();
    }
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw fail(key, "a number", v);
    }
    return OptionalDouble.of(n.doubleValue());
  }

  /** A number >= 0, or the default when absent. */
  public double optionalNonNegative(String key, double defaultValue) {
    OptionalDouble d = optionalNumber(key);
    if (d.isPresent() && d.getAsDouble() < 0) {
      throw fail(key, "a number >= 0", conf.get(key));
    }
    return d.orElse(defaultValue);
  }

  /** A non-blank string that must be present. */
  public String requireString(String key) {
    requirePresent(key, "a non-empty string");
    return optionalString(key).orElseThrow();
  }

  /** A non-blank string, or {@code defaultValue} when absent. */
  public String optionalString(String key, String defaultValue) {
    return optionalString(key).orElse(defaultValue);
  }

  /** A non-blank string, or empty when absent. */
  public Optional<String> optionalString(String key) {
    Object v = conf.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw fail(key, "a non-empty string", v);
    }
    return Optional.of(s);
  }

  /** A list of non-blank strings; an empty list when absent. */
  public List<String> optionalStringList(String key) {
    Object v = conf.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw fail(key, "a list of strings", v);
    }
    List<String> out = new ArrayList<>(list.size());
    for (Object item : list) {
      if (!(item instanceof String s) || s.isBlank()) {
        throw fail(key, "a list of non-empty strings", item);
      }
      out.add(s);
    }
    return List.copyOf(out);
  }

  /** A map, or an empty map when absent. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> optionalMap(String key) {
    Object v = conf.get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?>)) {
      throw fail(key, "a map of names to values", v);
    }
    return (Map<String, Object>) v;
  }

  /** The raw value, or null when absent. */
  public Object raw(String key) {
    return conf.get(key);
  }

  /** Rejects every key not in {@code known}, listing the known keys. */
  public void rejectUnknown(String engine, Collection<String> known) {
    for (String key : conf.keySet()) {
      if (!known.contains(key)) {
        throw EpumException.invalidArgument("unknown key " + prefix + key + " for the " + engine
            + " engine; known keys are " + new TreeSet<>(known));
      }
    }
  }

  /** An INVALID_ARGUMENT naming the key: "engine_conf.KEY must be WANT, got DESCRIPTION". */
  public static EpumException invalid(String key, String want, Object got) {
    return EpumException.invalidArgument(PREFIX + key + " must be " + want + ", got " + describe(got));
  }

  /** An INVALID_ARGUMENT with a free message about engine_conf. */
  public static EpumException invalid(String message) {
    return EpumException.invalidArgument(requireNonNull(message));
  }

  /** An INVALID_ARGUMENT naming this conf's key: "PATH.KEY must be WANT, got DESCRIPTION". */
  public EpumException fail(String key, String want, Object got) {
    return EpumException.invalidArgument(prefix + key + " must be " + want + ", got " + describe(got));
  }

  private void requirePresent(String key, String want) {
    if (conf.get(key) == null) {
      throw EpumException.invalidArgument(prefix + key + " is required: set it to " + want);
    }
  }

  /** How a config value reads in a message: {@code the string "abc"}, {@code a number (2.5)}, ... */
  public static String describe(Object v) {
    if (v == null) {
      return "nothing";
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
      return "the number " + v;
    }
    return "a " + v.getClass().getSimpleName();
  }
}
