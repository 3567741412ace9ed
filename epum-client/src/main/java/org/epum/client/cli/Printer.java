package org.epum.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Collects a command's output and writes it only when the command succeeded, so a failing
 * command leaves stdout empty. Structured formats render a plain view (maps, lists, strings,
 * numbers) built by {@link Views}; the table format takes lines, blocks and tables.
 */
final class Printer {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      // Without this the string "2" would print as 2 and read back as a number.
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .build());

  private final OutputFormat format;
  private final StringBuilder buffer = new StringBuilder();

  Printer(OutputFormat format) {
    this.format = format;
  }

  /** True for json/yaml: print {@link #document} instead of lines and tables. */
  boolean structured() {
    return format != OutputFormat.TABLE;
  }

  /** The whole output of a json/yaml command: one document. */
  void document(Object view) {
    buffer.append(format == OutputFormat.YAML ? yaml(view) : json(view) + "\n");
  }

  void line(String text) {
    buffer.append(text).append('\n');
  }

  void table(Table table) {
    buffer.append(table.render());
  }

  /** "Key:  value" lines with the values aligned. */
  void block(Map<String, ?> fields) {
    int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
    fields.forEach((k, v) -> {
      String value = v == null || v.toString().isEmpty() ? "-" : v.toString();
      line(k + ":" + " ".repeat(width - k.length()) + value);
    });
  }

  /** A nested value as YAML, indented under a heading line. */
  void indentedYaml(String heading, Object value) {
    line(heading + ":");
    String text = value instanceof Map<?, ?> m && m.isEmpty() ? "{}\n" : yaml(value);
    text.lines().forEach(l -> line("  " + l));
  }

  /** Writes everything collected; called once, after the command succeeded. */
  void flushTo(PrintWriter out) {
    out.print(buffer);
    out.flush();
  }

  static String json(Object view) {
    try {
      return JSON.writeValueAsString(view);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String yaml(Object view) {
    try {
      return YAML.writeValueAsString(view);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
