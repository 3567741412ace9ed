package org.epum.server.cloud.local;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.NodeRecord;
import org.epum.server.cloud.CloudDriver;
import org.epum.server.cloud.DriverSteps;
import org.epum.server.cloud.NodeTransitions;
import org.epum.server.config.LocalConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import static java.util.Objects.requireNonNull;

/**
 * The {@code local} driver: each instance is an epum-agent process on this host (see
 * {@link AgentCommand}). REQUESTED → STARTED when the process is spawned (iaas_id {@code pid:N}) →
 * RUNNING once it is still alive ready_after later (the driver does not see heartbeats; EPUM's
 * health monitoring judges those). An agent that exits by itself is FAILED with its exit code.
 * TERMINATING sends SIGTERM, then SIGKILL after stop_grace; the exit makes it TERMINATED. On close
 * every agent is stopped and its node left as it is; after a restart a node whose process is gone
 * is FAILED (a still running agent of that node, left by a killed server, is adopted).
 * All process work runs on the given scheduler, never under the provisioner's lock.
 */
public final class LocalDriver implements CloudDriver {
  private static final Logger log = LoggerFactory.getLogger(LocalDriver.class);

  /** One agent process; {@code process} is null for an adopted one (not our child: no exit code). */
  private record Agent(ProcessHandle handle, Process process) {}

  private final LocalConfig config;
  private final ScheduledExecutorService scheduler;
  private final UnaryOperator<String> dests;
  private final AgentCommand command;
  private final Map<String, Agent> agents = new ConcurrentHashMap<>();
  private final Set<String> stopping = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private NodeTransitions transitions;

  /**
   * @param dests maps a launch's heartbeat_dest to the address the agent should use, or null when
   *     it is not known yet (the server's port 0 is not bound yet); the launch is retried then
   */
  public LocalDriver(LocalConfig config, ScheduledExecutorService scheduler, UnaryOperator<String> dests) {
    this.config = requireNonNull(config);
    this.scheduler = requireNonNull(scheduler);
    this.dests = requireNonNull(dests);
    this.command = new AgentCommand(config);
  }

  @Override
  public void bind(NodeTransitions t) {
    this.transitions = requireNonNull(t);
  }

  @Override
  public void checkVars(Map<String, Object> vars) {}

  @Override
  public Optional<String> refusal(NodeRecord node, Collection<NodeRecord> live) {
    return live.size() >= config.capacity()
        ? Optional.of("the local driver is at capacity (" + config.capacity() + " agent processes)")
        : Optional.empty();
  }

  @Override
  public void changed(NodeRecord node) {
    String id = node.getInstanceId();
    switch (node.getState()) {
      case INSTANCE_STATE_REQUESTED -> after(Duration.ZERO, id, () -> spawn(node));
      case INSTANCE_STATE_STARTED, INSTANCE_STATE_RUNNING, INSTANCE_STATE_RUNNING_FAILED ->
          after(Duration.ZERO, id, () -> {
            if (!agents.containsKey(id)) {
              recover(node);
            } else if (node.getState() == InstanceState.INSTANCE_STATE_STARTED) {
              after(config.readyAfter(), id, () -> ready(id));
            }
          });
      case INSTANCE_STATE_TERMINATING -> after(Duration.ZERO, id, () -> stop(node));
      default -> { } // nothing runs for other states
    }
  }

  /** The pids of the running agents by instance id (for tests and diagnostics). */
  public Map<String, Long> pids() {
    Map<String, Long> out = new TreeMap<>();
    agents.forEach((id, a) -> out.put(id, a.handle().pid()));
    return out;
  }

  @Override
  public void close() {
    closed = true;
    List<Agent> all = List.copyOf(agents.values());
    all.forEach(a -> a.handle().destroy());
    long deadline = System.nanoTime() + config.stopGrace().toNanos();
    for (Agent a : all) {
      if (!awaitExit(a.handle(), Math.max(0, deadline - System.nanoTime()))) {
        log.warn("agent pid {} did not stop within {}; killing it", a.handle().pid(), config.stopGrace());
        a.handle().destroyForcibly();
        awaitExit(a.handle(), Duration.ofSeconds(5).toNanos());
      }
    }
    agents.clear();
  }

  private void spawn(NodeRecord node) {
    String id = node.getInstanceId();
    if (closed || agents.containsKey(id)) {
      return;
    }
    var destVar = node.getVars().getFieldsMap().get("heartbeat_dest");
    if (destVar == null || destVar.getStringValue().isEmpty()) {
      fail(id, "launch var heartbeat_dest is missing, so an agent could not report");
      return;
    }
    String dest = dests.apply(destVar.getStringValue());
    if (dest == null) {
      after(Duration.ofMillis(100), id, () -> spawn(node)); // the server's port is not bound yet
      return;
    }
    Process process;
    try {
      process = command.start(id, dest, node.getVars());
    } catch (IOException e) {
      fail(id, "could not start the agent: " + e.getMessage());
      return;
    }
    Agent agent = new Agent(process.toHandle(), process);
    agents.put(id, agent);
    watch(id, agent);
    long pid = process.pid();
    log.info("instance={} agent started, pid {}", id, pid);
    boolean started = transitions.advance(id, InstanceState.INSTANCE_STATE_STARTED, b -> b
        .setIaasId(Orphans.iaasId(pid)).setHostname("localhost").setPublicIp("127.0.0.1").setPrivateIp("127.0.0.1")
        .setStateDesc("agent pid " + pid));
    if (!started) { // terminated while it was being spawned
      stopping.add(id);
      agent.handle().destroy();
    }
  }

  private void ready(String id) {
    Agent agent = agents.get(id);
    if (agent != null && agent.handle().isAlive()) {
      transitions.advance(id, InstanceState.INSTANCE_STATE_RUNNING, b -> b.setStateDesc("agent running"));
    } // else its exit reports it
  }

  private void stop(NodeRecord node) {
    String id = node.getInstanceId();
    Agent agent = agents.get(id);
    if (agent == null) {
      Optional<ProcessHandle> orphan = Orphans.find(node.getIaasId(), id);
      if (orphan.isEmpty()) {
        transitions.advance(id, InstanceState.INSTANCE_STATE_TERMINATED, b -> b.setStateDesc("no agent process"));
        return;
      }
      agent = adopt(id, orphan.get());
    }
    stopping.add(id);
    agent.handle().destroy();
    Agent stopped = agent;
    after(config.stopGrace(), id, () -> {
      if (stopped.handle().isAlive()) {
        log.warn("instance={} agent pid {} ignored SIGTERM for {}; killing it", id, stopped.handle().pid(),
            config.stopGrace());
        stopped.handle().destroyForcibly();
      }
    });
  }

  /** After a restart: the node's agent is not ours. Adopt it if it still runs, else it is lost. */
  private void recover(NodeRecord node) {
    String id = node.getInstanceId();
    Optional<ProcessHandle> orphan = Orphans.find(node.getIaasId(), id);
    if (orphan.isEmpty()) {
      fail(id, "agent process " + node.getIaasId() + " is gone (the provisioner restarted)");
      return;
    }
    log.info("instance={} adopting agent {} left by a previous run", id, node.getIaasId());
    adopt(id, orphan.get());
    if (node.getState() == InstanceState.INSTANCE_STATE_STARTED) {
      after(config.readyAfter(), id, () -> ready(id));
    }
  }

  private Agent adopt(String id, ProcessHandle handle) {
    Agent agent = new Agent(handle, null);
    agents.put(id, agent);
    watch(id, agent);
    return agent;
  }

  private void watch(String id, Agent agent) {
    // runs on the JDK's process reaper thread: hand off at once
    agent.handle().onExit().thenRun(() -> after(Duration.ZERO, id, () -> exited(id, agent)));
  }

  private void exited(String id, Agent agent) {
    agents.remove(id, agent);
    if (closed) {
      return; // shutting down: the node stays as it is; a restart finds the process gone
    }
    String code = agent.process() == null ? "unknown (adopted)" : String.valueOf(agent.process().exitValue());
    if (stopping.remove(id)) {
      log.info("instance={} agent pid {} stopped, exit code {}", id, agent.handle().pid(), code);
      transitions.advance(id, InstanceState.INSTANCE_STATE_TERMINATED, b -> b.setStateDesc("agent stopped"));
    } else {
      fail(id, "agent pid " + agent.handle().pid() + " exited by itself with exit code " + code);
    }
  }

  private void fail(String id, String why) {
    log.info("instance={} failed: {}", id, why);
    transitions.advance(id, InstanceState.INSTANCE_STATE_FAILED, b -> b.setStateDesc(why));
  }

  private static boolean awaitExit(ProcessHandle handle, long nanos) {
    try {
      handle.onExit().get(nanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    }
  }

  private void after(Duration delay, String id, Runnable step) {
    DriverSteps.after(scheduler, delay, "local", id, step);
  }

}
