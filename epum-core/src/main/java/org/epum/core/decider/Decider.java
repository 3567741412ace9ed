package org.epum.core.decider;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainLifecycle;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.engine.DecisionEngine;
import org.epum.core.engine.DecisionReason;
import org.epum.core.engine.DomainSnapshot;
import org.epum.core.engine.EngineRegistry;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.events.DomainEventLog;
import org.epum.core.events.EventBody;
import org.epum.core.provisioner.Provisioner;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;
import org.epum.core.store.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One decider pass over every domain ({@link #runOnce()}): synchronous, single-threaded and safe
 * to repeat, so a loop, a test or the admin API can drive it. Per domain: re-send stalled
 * provision/terminate calls, create or reconfigure its engine, gather sensor data, decide, call the
 * Provisioner, persist the engine state, and log the decisions. A failing domain never stops the
 * others. Not thread-safe: one thread (the role's owner) calls it.
 */
public final class Decider {
  private static final Logger log = LoggerFactory.getLogger(Decider.class);

  private final EpumStore store;
  private final DomainEventLog events;
  private final EngineRegistry engines;
  private final ProvisionerCalls provisioner;
  private final SensorGatherer sensors;
  private final Clock clock;
  private final DeciderConfig config;
  private final Supplier<Fence> fence;
  private final DeciderMetrics metrics;
  private final Map<DomainKey, EngineHolder> running = new HashMap<>();
  private final DecisionLogWriter logWriter;

  public Decider(EpumStore store, DomainEventLog events, EngineRegistry engines, Provisioner provisioner,
      SensorGatherer sensors, Clock clock, DeciderConfig config, Supplier<Fence> fence, MeterRegistry meters) {
    this.store = requireNonNull(store);
    this.events = requireNonNull(events);
    this.engines = requireNonNull(engines);
    this.metrics = new DeciderMetrics(requireNonNull(meters), store);
    this.provisioner = new ProvisionerCalls(requireNonNull(provisioner), metrics);
    this.sensors = requireNonNull(sensors);
    this.clock = requireNonNull(clock);
    this.config = requireNonNull(config);
    this.fence = requireNonNull(fence);
    this.logWriter = new DecisionLogWriter(events);
  }

  /** Runs one pass over every domain and returns what it did to each. */
  public List<DomainPassResult> runOnce() {
    return metrics.timePass(() -> {
      Fence current = fence.get();
      List<DomainPassResult> results = new ArrayList<>();
      var seen = new HashSet<DomainKey>();
      for (DomainKey key : store.allDomains()) {
        seen.add(key);
        try (var o = MDC.putCloseable("owner", key.owner()); var d = MDC.putCloseable("domain", key.domainId())) {
          DomainPassResult result = passOne(key, stillLeading(current));
          if (result != null) {
            results.add(result);
          }
        } catch (EpumException e) {
          if (e.code() == ErrorCode.NOT_LEADER) {
            throw e;
          }
          results.add(failed(key, e));
        } catch (RuntimeException e) {
          results.add(failed(key, e));
        }
      }
      running.keySet().retainAll(seen);
      metrics.domains(seen.size());
      return results;
    });
  }

  /**
   * Forgets every engine and asks the Provisioner to re-push every live instance, as a new leader
   * must: engines are rebuilt from the store on the next pass.
   */
  public void takeOver() {
    running.clear();
    logWriter.forget();
    List<String> live = new ArrayList<>();
    for (DomainKey key : store.allDomains()) {
      store.instances(key).forEach(v -> {
        if (!v.value().state().isTerminal()) {
          live.add(v.value().instanceId());
        }
      });
    }
    if (!live.isEmpty()) {
      provisioner.dumpState(live);
    }
  }

  private DomainPassResult passOne(DomainKey key, Fence fence) {
    Versioned<DomainRecord> stored = store.domain(key).orElse(null);
    if (stored == null) {
      return null;
    }
    DomainRecord domain = stored.value();
    Instant now = clock.instant();
    List<InstanceRecord> instances = store.instances(key).stream().map(Versioned::value).toList();
    var control = new PassControl(key, instances, store, fence, now, config.retryInterval());
    // a removed domain's unanswered launches are not re-sent: removing() terminates them instead
    control.retryStalled(domain.lifecycle() != DomainLifecycle.REMOVING);
    if (domain.lifecycle() == DomainLifecycle.REMOVING) {
      return removing(domain, control, fence);
    }
    String error = "";
    EngineHolder holder = running.get(key);
    Map<String, Object> engineConf = domain.config().section(DomainConfig.ENGINE_CONF);
    SensorReadings readings = gatherSensors(domain, control, now);
    if (holder == null) {
      try {
        DecisionEngine engine = engines.resolve(engineClass(domain)).create();
        engine.initialize(control, control.snapshot(readings.domain()), engineConf);
        holder = new EngineHolder(engine, domain.configVersion());
        running.put(key, holder);
      } catch (RuntimeException e) {
        error = engineError(control, "engine could not start", e);
      }
    } else if (holder.configVersion != domain.configVersion()) {
      try {
        holder.engine.reconfigure(control, engineConf);
        holder.configVersion = domain.configVersion();
      } catch (RuntimeException e) {
        error = engineError(control, "reconfigure failed (retried next pass)", e);
      }
    }
    if (holder != null) {
      try {
        holder.engine.decide(control, control.snapshot(readings.domain()));
      } catch (RuntimeException e) {
        error = engineError(control, "decide failed", e);
      }
    }
    callProvisioner(domain, control, fence);
    if (holder != null) {
      EngineStates.persist(store, key, holder.engine.engineState(), fence, clock);
    }
    logWriter.write(key, control.decisions(), now, fence);
    return new DomainPassResult(key, control.decisions(), error, false);
  }

  private DomainPassResult removing(DomainRecord domain, PassControl control, Fence fence) {
    DomainKey key = domain.key();
    List<String> remaining = control.instances().stream().filter(i -> !i.state().isTerminal())
        .map(InstanceRecord::instanceId).toList();
    if (remaining.isEmpty()) {
      EngineHolder holder = running.remove(key);
      if (holder != null) {
        try {
          holder.engine.dying();
        } catch (RuntimeException e) {
          log.warn("engine of domain {} failed in dying(): {}", key, e.toString());
        }
      }
      store.deleteDomain(key, fence);
      logWriter.forget(key);
      log.info("domain {} removed: every instance terminated", key);
      return new DomainPassResult(key, List.of(), "", true);
    }
    control.destroy(remaining, DecisionReason.DOMAIN_REMOVING, "domain is being removed; terminating "
        + remaining.size() + " instance(s)");
    if (control.toTerminate().isEmpty() && control.toProvision().isEmpty()) {
      control.noAction(DecisionReason.DOMAIN_REMOVING, "waiting for " + remaining.size()
          + " instance(s) to finish terminating");
    }
    callProvisioner(domain, control, fence);
    logWriter.write(key, control.decisions(), clock.instant(), fence);
    return new DomainPassResult(key, control.decisions(), "", false);
  }

  private SensorReadings gatherSensors(DomainRecord domain, PassControl control, Instant now) {
    try {
      SensorReadings readings = sensors.gather(domain, control.instances(), now);
      SensorWrites.persist(store, domain, readings, control, fence.get(), clock);
      return readings;
    } catch (RuntimeException e) {
      rethrowIfDeposed(e);
      log.warn("sensor data for domain {} could not be gathered: {}", domain.key(), e.getMessage());
      return SensorReadings.NONE;
    }
  }

  /**
   * The pass's fence, if this replica still leads at that epoch; NOT_LEADER otherwise, so a
   * deposed decider stops before its next domain or provisioner call, not at the end of the pass.
   */
  private Fence stillLeading(Fence started) {
    if (!fence.get().equals(started)) {
      throw EpumException.notLeader("the decider term at epoch " + started.epoch() + " ended during the pass");
    }
    return started;
  }

  private void callProvisioner(DomainRecord domain, PassControl control, Fence fence) {
    for (InstanceRecord launch : control.toProvision()) {
      stillLeading(fence);
      provisioner.provision(domain, launch, LaunchVars.compose(config.provisionerVars(), domain.config(),
          launch.extravars(), launch.instanceId(), config.heartbeatDest()), fence);
    }
    if (!control.toTerminate().isEmpty()) {
      stillLeading(fence);
      control.unknownToProvisioner(provisioner.terminate(domain.key(), control.toTerminate(), fence));
    }
  }

  private String engineError(PassControl control, String what, RuntimeException e) {
    rethrowIfDeposed(e);
    metrics.engineFailure();
    String message = what + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    log.warn("{}", message, e instanceof EpumException ? null : e);
    control.noAction(DecisionReason.ENGINE_ERROR, message);
    return message;
  }

  private DomainPassResult failed(DomainKey key, RuntimeException e) {
    metrics.engineFailure();
    log.warn("decider pass failed for domain {}: {}", key, e.toString());
    return new DomainPassResult(key, List.of(new EventBody.Decision(EventBody.Action.NONE,
        DecisionReason.ENGINE_ERROR, List.of(), e.getMessage())), String.valueOf(e.getMessage()), false);
  }

  /**
   * A fenced write inside an engine call or sensor write failed because this replica lost the
   * decider role: that ends the whole pass (runOnce rethrows it), it is not the domain's failure.
   */
  private static void rethrowIfDeposed(RuntimeException e) {
    if (e instanceof EpumException epum && epum.code() == ErrorCode.NOT_LEADER) {
      throw epum;
    }
  }

  private static String engineClass(DomainRecord domain) {
    return domain.config().get(DomainConfig.GENERAL, "engine_class").map(String::valueOf).orElse(null);
  }

  /** A domain's running engine and the config version it last accepted. */
  private static final class EngineHolder {
    final DecisionEngine engine;
    long configVersion;

    EngineHolder(DecisionEngine engine, long configVersion) {
      this.engine = engine;
      this.configVersion = configVersion;
    }
  }
}
