package org.epum.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epum.client.ConfigStructs;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --file} and {@code --set} options: config sections from a YAML or JSON file, then
 * each {@code --set} applied on top, in order. Any problem is a usage error (exit 2).
 */
final class ConfigOptions {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "YAML or JSON file whose top level is the config sections")
  Path file;

  @Option(names = "--set", paramLabel = "SECTION.KEY=VALUE",
      description = "Set one config value (repeatable; applied after --file, in order). "
          + "VALUE is typed as YAML: 2, 1.5, true, [1,2], '2' for a string.")
  List<String> sets = new ArrayList<>();

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  /** True when neither --file nor --set was given. */
  boolean isEmpty() {
    return file == null && sets.isEmpty();
  }

  /** The file's sections (or {@code base} when no file), with every --set applied. */
  Map<String, Object> load(Map<String, Object> base) {
    Map<String, Object> config = file == null ? new LinkedHashMap<>(base) : readFile();
    try {
      for (String s : sets) {
        SetExpression.parse(s).applyTo(config);
      }
      ConfigStructs.toStruct(config); // reject values a Struct can't carry before any call
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return config;
  }

  /** Shorthand for {@code load(Map.of())}. */
  Map<String, Object> load() {
    return load(Map.of());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> readFile() {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw usage("cannot read config file " + file + ": " + describe(e));
    }
    if (text.isBlank()) {
      return new LinkedHashMap<>();
    }
    Object parsed;
    try {
      parsed = YAML.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw usage("config file " + file + " is not valid YAML or JSON: "
          + e.getOriginalMessage() + location(e));
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw usage("config file " + file + " must be a map of sections "
          + "(general, health, engine_conf, ...) at the top level");
    }
    return new LinkedHashMap<>((Map<String, Object>) map);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static String describe(IOException e) {
    String kind = e.getClass().getSimpleName();
    return e.getMessage() == null ? kind : kind + " " + e.getMessage();
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }
}
