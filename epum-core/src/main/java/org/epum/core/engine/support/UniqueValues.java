package org.epum.core.engine.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.epum.core.domain.InstanceRecord;

/**
 * {@code unique_key} + {@code unique_values}: each live instance holds a distinct value in its
 * extravars under the key, and a launch takes the first value, in list order, that no live instance
 * holds. When every value is held, nothing more is launched (the original launched with a null
 * value, which handed out duplicates and nulls).
 *
 * @param key the extravars key; null when the domain does not use unique values
 * @param values the values in preference order; empty when the domain does not use unique values
 */
public record UniqueValues(String key, List<Object> values) {
  public static final String KEY = "unique_key";
  public static final String VALUES = "unique_values";
  private static final UniqueValues NONE = new UniqueValues(null, List.of());

  public UniqueValues {
    values = List.copyOf(values);
  }

  public static UniqueValues none() {
    return NONE;
  }

  /**
   * Reads {@code unique_key} (a non-empty string) and {@code unique_values} (a list of strings or
   * numbers, or a comma-separated string whose items are trimmed; an empty or blank string or list
   * means no unique values).
   */
  public static UniqueValues parse(EngineConfs conf) {
    Optional<String> key = conf.optionalString(KEY);
    List<Object> values = parseValues(conf.raw(VALUES));
    if (key.isEmpty()) {
      if (!values.isEmpty()) {
        throw EngineConfs.invalid("engine_conf." + VALUES + " needs engine_conf." + KEY
            + ": set " + KEY + " to the extravars name each instance's value is passed under");
      }
      return NONE;
    }
    return values.isEmpty() ? NONE : new UniqueValues(key.get(), values);
  }

  private static List<Object> parseValues(Object raw) {
    if (raw == null) {
      return List.of();
    }
    if (raw instanceof String s) {
      return Arrays.stream(s.split(",")).map(String::trim).filter(v -> !v.isEmpty()).map(v -> (Object) v).toList();
    }
    if (!(raw instanceof List<?> list)) {
      throw EngineConfs.invalid(VALUES, "a list of values or a comma-separated string", raw);
    }
    List<Object> out = new ArrayList<>(list.size());
    for (Object v : list) {
      if (!(v instanceof String) && !(v instanceof Number)) {
        throw EngineConfs.invalid(VALUES, "a list of strings or numbers", v);
      }
      if (out.stream().anyMatch(seen -> same(seen, v))) {
        throw EngineConfs.invalid("engine_conf." + VALUES + " must hold distinct values, got " + v + " twice");
      }
      out.add(v);
    }
    return List.copyOf(out);
  }

  public boolean enabled() {
    return key != null;
  }

  /**
   * The values no instance in {@code holders} holds, in preference order. A domain without unique
   * values has no limit, which is reported as an empty Optional.
   */
  public Optional<List<Object>> free(Collection<InstanceRecord> holders) {
    if (!enabled()) {
      return Optional.empty();
    }
    List<Object> free = new ArrayList<>(values);
    for (InstanceRecord i : holders) {
      Object held = i.extravars().get(key);
      if (held != null) {
        free.removeIf(v -> same(v, held));
      }
    }
    return Optional.of(free);
  }

  /** The extravars for a launch that takes {@code value}. */
  public Map<String, Object> extravars(Object value) {
    return Map.of(key, value);
  }

  /** Numbers compare by value (a store may give back 1 as an Integer, a Long or 1.0); others by equals. */
  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
    }
    return a.equals(b);
  }
}
