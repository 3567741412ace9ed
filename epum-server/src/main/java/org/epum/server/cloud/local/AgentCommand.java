package org.epum.server.cloud.local;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.epum.server.config.LocalConfig;

/**
 * Builds and starts the OS process of one local agent: {@code JAVA JAVA_OPTS -cp CLASSPATH EpumAgentMain
 * --node-id ID --heartbeat-dest HOST:PORT AGENT_ARGS...}. Every launch var is also in the
 * environment as {@code EPUM_VAR_<NAME>} (upper case, other characters as {@code _}; strings as
 * they are, other values as JSON), next to EPUM_NODE_ID, EPUM_HEARTBEAT_DEST and EPUM_TOKEN.
 * Output (stdout and stderr) is appended to {@code log_dir/<instance_id>.log}, or discarded.
 */
final class AgentCommand {
  static final String MAIN = "org.epum.client.agent.EpumAgentMain";
  private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

  private final LocalConfig config;

  AgentCommand(LocalConfig config) {
    this.config = requireNonNull(config);
  }

  /** Starts the agent of one instance; throws IOException when it cannot be started. */
  Process start(String nodeId, String heartbeatDest, Struct vars) throws IOException {
    checkClasspath();
    Process process = builder(nodeId, heartbeatDest, vars).start();
    process.getOutputStream().close(); // the agent reads no input; don't hold a pipe per agent open
    return process;
  }

  ProcessBuilder builder(String nodeId, String heartbeatDest, Struct vars) throws IOException {
    List<String> command = new ArrayList<>(List.of(config.java()));
    command.addAll(config.javaOpts());
    command.addAll(List.of("-cp", config.classpath(), MAIN, "--node-id", nodeId, "--heartbeat-dest", heartbeatDest));
    command.addAll(config.agentArgs());
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    vars.getFieldsMap().forEach((name, value) -> env.put(envName(name), text(value)));
    env.put("EPUM_NODE_ID", nodeId);
    env.put("EPUM_HEARTBEAT_DEST", heartbeatDest);
    if (!config.agentToken().isEmpty()) {
      env.put("EPUM_TOKEN", config.agentToken());
    }
    var logDir = config.logPath();
    if (logDir.isPresent()) {
      Files.createDirectories(logDir.get());
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.get().resolve(nodeId + ".log").toFile()));
    } else {
      builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
    return builder;
  }

  static String envName(String var) {
    return "EPUM_VAR_" + var.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
  }

  private static String text(Value value) {
    if (value.hasStringValue()) {
      return value.getStringValue();
    }
    try {
      return JSON.print(value);
    } catch (InvalidProtocolBufferException e) {
      return value.toString();
    }
  }

  /** A missing jar would only show as an agent that exits at once; say how to build it instead. */
  private void checkClasspath() throws IOException {
    for (String entry : config.classpath().split(File.pathSeparator)) {
      if (entry.endsWith(".jar") && !Files.exists(Path.of(entry))) {
        throw new IOException("local.classpath entry " + entry + " does not exist; build it with "
            + "mvn -pl epum-client -am package (or set local.classpath)");
      }
    }
  }
}
