package org.epum.server.cloud.sim;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.epum.core.error.EpumException;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.NodeRecord;
import org.epum.server.cloud.CloudDriver;
import org.epum.server.cloud.DriverSteps;
import org.epum.server.cloud.NodeTransitions;
import org.epum.server.config.SimConfig;

/**
 * The {@code sim} driver: a simulated cloud. A launch goes REQUESTED → PENDING (after
 * request_delay) → STARTED (after a boot time drawn uniformly from [boot_time_min, boot_time_max],
 * or FAILED with the site's failure rate) → RUNNING (after start_delay), when a simulated agent
 * starts heartbeating. TERMINATING → TERMINATED after terminate_delay. A site over its capacity
 * fails launches at once. Faults can be injected: kill a node, fail a site, silence an agent, make
 * an agent report PROCESS_ERROR. Timers run on the given scheduler in real time.
 */
public final class SimDriver implements CloudDriver {
  public static final String LOAD_CURVE_VAR = "sim_load_curve";

  private final SimConfig config;
  private final ScheduledExecutorService scheduler;
  private final Random random;
  private final SimAgents agents;
  private final LoadCurve defaultCurve;
  private final Set<String> failingSites = ConcurrentHashMap.newKeySet();
  private NodeTransitions transitions;

  public SimDriver(SimConfig config, ScheduledExecutorService scheduler, Random random, SimAgents agents) {
    this.config = requireNonNull(config);
    this.scheduler = requireNonNull(scheduler);
    this.random = requireNonNull(random);
    this.agents = requireNonNull(agents);
    this.defaultCurve = LoadCurve.parse(config.loadCurve());
  }

  @Override
  public void bind(NodeTransitions t) {
    this.transitions = requireNonNull(t);
  }

  @Override
  public void checkVars(Map<String, Object> vars) {
    Object curve = vars.get(LOAD_CURVE_VAR);
    if (curve != null) {
      try {
        LoadCurve.parse(String.valueOf(curve));
      } catch (IllegalArgumentException e) {
        throw EpumException.invalidArgument("vars." + LOAD_CURVE_VAR + ": " + e.getMessage());
      }
    }
  }

  @Override
  public Optional<String> refusal(NodeRecord node, Collection<NodeRecord> live) {
    SimConfig.Site site = config.sites().get(node.getSite());
    if (site == null) {
      return Optional.of("unknown site '" + node.getSite() + "'; the sim knows " + config.sites().keySet());
    }
    if (failingSites.contains(node.getSite())) {
      return Optional.of("site " + node.getSite() + " is failing launches (sim fault)");
    }
    long used = live.stream().filter(n -> n.getSite().equals(node.getSite())).count();
    if (used >= site.capacity()) {
      return Optional.of("site " + node.getSite() + " is at capacity (" + site.capacity() + " instances)");
    }
    return Optional.empty();
  }

  @Override
  public void changed(NodeRecord node) {
    String id = node.getInstanceId();
    switch (node.getState()) {
      case INSTANCE_STATE_REQUESTED -> after(config.requestDelay(), id, () -> transitions.advance(id,
          InstanceState.INSTANCE_STATE_PENDING, b -> b.setIaasId("sim-" + id.substring(0, Math.min(8, id.length())))
              .setStateDesc("")));
      case INSTANCE_STATE_PENDING -> after(bootTime(), id, () -> boot(node));
      case INSTANCE_STATE_STARTED -> after(config.startDelay(), id, () -> transitions.advance(id,
          InstanceState.INSTANCE_STATE_RUNNING, b -> b));
      case INSTANCE_STATE_RUNNING -> {
        Object curve = Structs.get(node, LOAD_CURVE_VAR);
        agents.start(id, String.valueOf(Structs.getOr(node, "heartbeat_dest", "")),
            curve == null ? defaultCurve : LoadCurve.parse(String.valueOf(curve)));
      }
      case INSTANCE_STATE_TERMINATING -> {
        agents.stop(id);
        after(config.terminateDelay(), id, () -> transitions.advance(id, InstanceState.INSTANCE_STATE_TERMINATED,
            b -> b.setStateDesc("terminated")));
      }
      default -> agents.stop(id);
    }
  }

  /** Fault: the node's VM dies (FAILED); EPUM sees it as lost and its engine replaces it. */
  public boolean kill(String nodeId) {
    return transitions.advance(nodeId, InstanceState.INSTANCE_STATE_FAILED, b -> b.setStateDesc("killed (sim fault)"));
  }

  /** Fault: the site fails every launch until {@code failing} is false again. */
  public void failSite(String site, boolean failing) {
    if (!config.sites().containsKey(site)) {
      throw EpumException.notFound("the sim has no site '" + site + "'; it knows " + config.sites().keySet());
    }
    if (failing) {
      failingSites.add(site);
    } else {
      failingSites.remove(site);
    }
  }

  public SimAgents agents() {
    return agents;
  }

  @Override
  public void close() {
    agents.close();
  }

  private void boot(NodeRecord node) {
    SimConfig.Site site = config.sites().get(node.getSite());
    double rate = site == null || site.failureRate() < 0 ? config.failureRate() : site.failureRate();
    String id = node.getInstanceId();
    boolean fails = failingSites.contains(node.getSite()) || random.nextDouble() < rate;
    if (fails) {
      transitions.advance(id, InstanceState.INSTANCE_STATE_FAILED, b -> b.setStateDesc("boot failed (sim)"));
      return;
    }
    int n = Math.abs(id.hashCode() % 250) + 2;
    transitions.advance(id, InstanceState.INSTANCE_STATE_STARTED, b -> b.setPublicIp("10.99.0." + n)
        .setPrivateIp("192.168.0." + n).setHostname("sim-" + id.substring(0, Math.min(8, id.length())) + ".local"));
  }

  private Duration bootTime() {
    long min = config.bootTimeMin().toMillis();
    long span = config.bootTimeMax().toMillis() - min;
    synchronized (random) {
      return Duration.ofMillis(min + (span == 0 ? 0 : (long) (random.nextDouble() * span)));
    }
  }

  private void after(Duration delay, String id, Runnable step) {
    DriverSteps.after(scheduler, delay, "sim", id, step);
  }

  /** Reads launch vars from a node record. */
  private static final class Structs {
    static Object get(NodeRecord node, String key) {
      var v = node.getVars().getFieldsMap().get(key);
      return v == null ? null : org.epum.server.grpc.Structs.toMap(
          com.google.protobuf.Struct.newBuilder().putFields(key, v).build()).get(key);
    }

    static Object getOr(NodeRecord node, String key, Object fallback) {
      Object v = get(node, key);
      return v == null ? fallback : v;
    }
  }
}
