package org.epum.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code --set section.key[.more]=VALUE} override.
 *
 * <p>The value is read as a YAML flow value, so it is typed the way a config file would type it:
 * {@code 2} is an integer, {@code 1.5} a float, {@code true} a boolean, {@code [1,2]} a list,
 * {@code {a: 1}} a map, {@code '2'} the string "2", and {@code a,b} stays the string "a,b". An
 * empty value is the empty string.
 */
record SetExpression(List<String> path, Object value) {
  static final String FORM = "section.key=VALUE (e.g. engine_conf.preserve_n=2)";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  SetExpression {
    path = List.copyOf(path);
  }

  /** Parses {@code text}; throws IllegalArgumentException with a message for the user. */
  static SetExpression parse(String text) {
    int eq = text.indexOf('=');
    if (eq < 0) {
      throw bad(text, "no '='");
    }
    List<String> path = Arrays.asList(text.substring(0, eq).strip().split("\\.", -1));
    if (path.size() < 2) {
      throw bad(text, "the path needs at least a section and a key");
    }
    if (path.stream().anyMatch(String::isBlank)) {
      throw bad(text, "empty path segment");
    }
    return new SetExpression(path, value(text, text.substring(eq + 1)));
  }

  /** Sets the value in {@code config}, creating nested maps along the path. */
  @SuppressWarnings("unchecked")
  void applyTo(Map<String, Object> config) {
    Map<String, Object> node = config;
    for (int i = 0; i < path.size() - 1; i++) {
      String segment = path.get(i);
      Object child = node.get(segment);
      if (child == null) {
        child = new LinkedHashMap<String, Object>();
      } else if (child instanceof Map<?, ?> m) {
        child = new LinkedHashMap<>((Map<String, Object>) m); // a file's maps may be read-only
      } else {
        throw new IllegalArgumentException("cannot set " + String.join(".", path) + ": "
            + String.join(".", path.subList(0, i + 1)) + " is " + child + ", not a map");
      }
      node.put(segment, child);
      node = (Map<String, Object>) child;
    }
    node.put(path.get(path.size() - 1), value);
  }

  private static Object value(String text, String raw) {
    if (raw.isBlank()) {
      return "";
    }
    try {
      return YAML.readValue(raw, Object.class);
    } catch (JsonProcessingException e) {
      throw bad(text, "the value is not a YAML value (" + e.getOriginalMessage() + ")");
    }
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException(
        "bad --set '" + text + "': " + why + "; expected " + FORM);
  }
}
