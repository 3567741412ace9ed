package org.epum.core.decider;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.DecisionReason;
import org.epum.core.engine.DomainSnapshot;
import org.epum.core.engine.EngineControl;
import org.epum.core.engine.LaunchRequest;
import org.epum.core.engine.Launched;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.events.EventBody;
import org.epum.core.events.EventBody.Action;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;

/**
 * The {@link EngineControl} of one domain in one pass. Writes each decision to the store at once
 * (fenced): a launch as a REQUESTING record before anyone calls the Provisioner, a destroy as
 * TERMINATING. The calls themselves are collected for the decider to make after the engine returns.
 */
final class PassControl implements EngineControl {
  private static final int MAX_CAS_ATTEMPTS = 8;

  private final DomainKey key;
  private final EpumStore store;
  private final Fence fence;
  private final Instant now;
  private final Duration retryInterval;
  private final Map<String, InstanceRecord> instances = new LinkedHashMap<>();
  private final List<InstanceRecord> toProvision = new ArrayList<>();
  private final List<String> toTerminate = new ArrayList<>();
  private final List<EventBody.Decision> decisions = new ArrayList<>();

  PassControl(DomainKey key, List<InstanceRecord> current, EpumStore store, Fence fence, Instant now,
      Duration retryInterval) {
    this.key = requireNonNull(key);
    this.store = requireNonNull(store);
    this.fence = requireNonNull(fence);
    this.now = requireNonNull(now);
    this.retryInterval = requireNonNull(retryInterval);
    current.forEach(i -> instances.put(i.instanceId(), i));
  }

  @Override
  public Launched launch(LaunchRequest request, DecisionReason reason, String message) {
    String instanceId = UUID.randomUUID().toString();
    String launchId = UUID.randomUUID().toString();
    var record = InstanceRecord.requesting(instanceId, now).launchId(launchId).deployableType(request.deployableType())
        .site(request.site()).allocation(request.allocation()).extravars(request.extravars()).lastAttempt(now).build();
    store.createInstance(key, record, fence);
    instances.put(instanceId, record);
    toProvision.add(record);
    decisions.add(new EventBody.Decision(Action.LAUNCH, reason, List.of(instanceId), message));
    return new Launched(launchId, instanceId);
  }

  @Override
  public void destroy(Collection<String> instanceIds, DecisionReason reason, String message) {
    List<String> acted = new ArrayList<>();
    for (String id : instanceIds) {
      InstanceRecord current = instances.get(id);
      if (current != null && markTerminating(current)) {
        acted.add(id);
      }
    }
    if (!acted.isEmpty()) {
      decisions.add(new EventBody.Decision(Action.TERMINATE, reason, acted, message));
    }
  }

  @Override
  public void noAction(DecisionReason reason, String message) {
    decisions.add(new EventBody.Decision(Action.NONE, reason, List.of(), message));
  }

  /**
   * Re-sends provision for REQUESTING (unless {@code relaunch} is false: a domain being removed
   * terminates them instead) and terminate for TERMINATING instances whose last attempt is old.
   */
  void retryStalled(boolean relaunch) {
    for (InstanceRecord i : List.copyOf(instances.values())) {
      if (relaunch && i.state() == InstanceState.REQUESTING && due(i)) {
        var retried = write(i.toBuilder().lastAttempt(now).build());
        toProvision.add(retried);
        decisions.add(new EventBody.Decision(Action.LAUNCH, DecisionReason.RETRY_LAUNCH, List.of(i.instanceId()),
            "no answer to provision since " + i.lastAttempt() + "; sending it again"));
      } else if (i.state() == InstanceState.TERMINATING && due(i)) {
        write(i.toBuilder().lastAttempt(now).build());
        toTerminate.add(i.instanceId());
        decisions.add(new EventBody.Decision(Action.TERMINATE, DecisionReason.RETRY_TERMINATE,
            List.of(i.instanceId()), "still TERMINATING since " + i.lastAttempt() + "; sending terminate again"));
      }
    }
  }

  /**
   * The Provisioner answered that it never knew these TERMINATING instances (their launch never
   * reached it): no VM exists and nothing will ever report them TERMINATED, so record that now
   * rather than re-send terminate forever (and hold a removed domain forever).
   */
  void unknownToProvisioner(List<String> instanceIds) {
    for (String id : instanceIds) {
      InstanceRecord current = instances.get(id);
      if (current != null && current.state() == InstanceState.TERMINATING) {
        write(current.toBuilder().state(InstanceState.TERMINATED).stateTime(now).build());
      }
    }
  }

  DomainSnapshot snapshot(Map<String, Object> domainSensorData) {
    return new DomainSnapshot(key, List.copyOf(instances.values()), domainSensorData, now);
  }

  /** Takes a record the decider rewrote outside this control (e.g. with sensor data). */
  void refreshed(InstanceRecord record) {
    instances.put(record.instanceId(), record);
  }

  List<InstanceRecord> instances() {
    return List.copyOf(instances.values());
  }

  List<InstanceRecord> toProvision() {
    return toProvision;
  }

  List<String> toTerminate() {
    return toTerminate;
  }

  List<EventBody.Decision> decisions() {
    return decisions;
  }

  /**
   * Below TERMINATING: becomes TERMINATING and gets a terminate call. Already terminating or past
   * it (a ZOMBIE still heartbeating): another terminate call, at most once per retry interval.
   */
  private boolean markTerminating(InstanceRecord current) {
    if (toTerminate.contains(current.instanceId())) {
      return false;
    }
    if (current.state().isBelow(InstanceState.TERMINATING)) {
      write(current.toBuilder().state(InstanceState.TERMINATING).stateTime(now).lastAttempt(now).build());
    } else if (due(current)) {
      write(current.toBuilder().lastAttempt(now).build());
    } else {
      return false;
    }
    toTerminate.add(current.instanceId());
    return true;
  }

  private boolean due(InstanceRecord i) {
    return i.lastAttempt() == null || !now.isBefore(i.lastAttempt().plus(retryInterval));
  }

  /**
   * Writes {@code next}'s decision (its state if TERMINATING, its last attempt) over the freshly
   * read record, so a state report that raced the pass is kept rather than overwritten.
   */
  private InstanceRecord write(InstanceRecord next) {
    for (int attempt = 1; ; attempt++) {
      var stored = store.instance(key, next.instanceId()).orElseThrow(() -> EpumException.notFound(
          "instance " + next.instanceId() + " vanished during the pass"));
      InstanceRecord target = rebase(stored.value(), next);
      try {
        store.updateInstance(key, target, stored.version(), fence);
        instances.put(target.instanceId(), target);
        return target;
      } catch (EpumException e) {
        if (e.code() != ErrorCode.VERSION_CONFLICT || attempt >= MAX_CAS_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static InstanceRecord rebase(InstanceRecord fresh, InstanceRecord next) {
    var b = fresh.toBuilder().lastAttempt(next.lastAttempt());
    if ((next.state() == InstanceState.TERMINATING || next.state() == InstanceState.TERMINATED)
        && fresh.state().isBelow(next.state())) {
      b.state(next.state()).stateTime(next.stateTime());
    }
    return b.build();
  }
}
