package org.epum.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The embedded Provisioner's {@code local} driver: each instance is an epum-agent process on this host.
 *
 * @param java the java executable that runs the agents (the loader defaults it to the server's own)
 * @param javaOpts JVM options before {@code -cp} (heap size and the like)
 * @param classpath the agents' class path (the epum-client "all" jar by default)
 * @param agentArgs extra arguments after {@code --node-id ID --heartbeat-dest HOST:PORT}
 * @param readyAfter how long a started agent must stay alive before its instance is RUNNING
 * @param stopGrace how long a terminated agent has between SIGTERM and SIGKILL
 * @param logDir where each agent's output goes ({@code <instance_id>.log}); empty discards it
 * @param capacity most live instances at once (more are FAILED "at capacity")
 * @param agentToken bearer token the agents send (EPUM_TOKEN; auth.mode token); empty for none
 */
public record LocalConfig(String java, List<String> javaOpts, String classpath, List<String> agentArgs, Duration readyAfter,
    Duration stopGrace, String logDir, int capacity, String agentToken) {
  public LocalConfig {
    javaOpts = List.copyOf(javaOpts);
    agentArgs = List.copyOf(agentArgs);
    if (java.isBlank()) {
      throw new IllegalArgumentException("local.java must name a java executable");
    }
    if (classpath.isBlank()) {
      throw new IllegalArgumentException("local.classpath must not be empty; build the agent jar with "
          + "mvn -pl epum-client -am package");
    }
    if (readyAfter.isNegative()) {
      throw new IllegalArgumentException("local.ready_after must be >= 0");
    }
    if (stopGrace.isNegative() || stopGrace.isZero()) {
      throw new IllegalArgumentException("local.stop_grace must be > 0");
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("local.capacity must be >= 1, got " + capacity);
    }
  }

  /** The directory for agent output, or empty to discard it. */
  public Optional<Path> logPath() {
    return logDir.isEmpty() ? Optional.empty() : Optional.of(Path.of(logDir));
  }
}
