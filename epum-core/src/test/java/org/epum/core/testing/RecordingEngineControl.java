package org.epum.core.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.InstanceState;
import org.epum.core.engine.DecisionReason;
import org.epum.core.engine.DomainSnapshot;
import org.epum.core.engine.EngineControl;
import org.epum.core.engine.LaunchRequest;
import org.epum.core.engine.Launched;

/**
 * An {@link EngineControl} that records every launch, destroy and no-action, and can play them
 * onto a snapshot to give the next one (launched: a REQUESTING record; destroyed: TERMINATING), as
 * the decider would. Ids are {@code i-0001}, {@code l-0001}, ... in launch order, so sorting by id
 * is sorting by creation. Not thread-safe.
 */
public final class RecordingEngineControl implements EngineControl {
  /** One recorded launch. */
  public record Launch(Launched ids, LaunchRequest request, DecisionReason reason, String message) {
    public String instanceId() {
      return ids.instanceId();
    }
  }

  /** One recorded destroy call. */
  public record Destroy(List<String> instanceIds, DecisionReason reason, String message) {}

  /** One recorded no-action. */
  public record NoAction(DecisionReason reason, String message) {}

  private final List<Launch> launches = new ArrayList<>();
  private final List<Destroy> destroys = new ArrayList<>();
  private final List<NoAction> noActions = new ArrayList<>();
  private int appliedLaunches;
  private int appliedDestroys;

  @Override
  public Launched launch(LaunchRequest request, DecisionReason reason, String message) {
    int n = launches.size() + 1;
    Launched ids = new Launched(String.format("l-%04d", n), String.format("i-%04d", n));
    launches.add(new Launch(ids, request, reason, message));
    return ids;
  }

  @Override
  public void destroy(Collection<String> instanceIds, DecisionReason reason, String message) {
    destroys.add(new Destroy(List.copyOf(instanceIds), reason, message));
  }

  @Override
  public void noAction(DecisionReason reason, String message) {
    noActions.add(new NoAction(reason, message));
  }

  public List<Launch> launches() {
    return List.copyOf(launches);
  }

  public List<Destroy> destroys() {
    return List.copyOf(destroys);
  }

  public List<NoAction> noActions() {
    return List.copyOf(noActions);
  }

  public int launchCount() {
    return launches.size();
  }

  /** Every destroyed id, in order, repeats included. */
  public List<String> destroyedIds() {
    return destroys.stream().flatMap(d -> d.instanceIds().stream()).toList();
  }

  public int destroyCount() {
    return destroyedIds().size();
  }

  /** The most recent no-action, or null when there was none. */
  public NoAction lastNoAction() {
    return noActions.isEmpty() ? null : noActions.get(noActions.size() - 1);
  }

  /**
   * The snapshot after the launches and destroys recorded since the last call: each launch adds a
   * REQUESTING record, each destroyed instance below TERMINATING becomes TERMINATING.
   */
  public DomainSnapshot apply(DomainSnapshot previous, Instant now) {
    Map<String, InstanceRecord> records = new LinkedHashMap<>();
    previous.all().forEach(i -> records.put(i.instanceId(), i));
    for (Launch l : launches.subList(appliedLaunches, launches.size())) {
      LaunchRequest r = l.request();
      records.put(l.instanceId(), InstanceRecord.requesting(l.instanceId(), now).launchId(l.ids().launchId())
          .deployableType(r.deployableType()).site(r.site()).allocation(r.allocation()).extravars(r.extravars())
          .build());
    }
    for (Destroy d : destroys.subList(appliedDestroys, destroys.size())) {
      for (String id : d.instanceIds()) {
        InstanceRecord i = records.get(id);
        if (i != null && i.state().isBelow(InstanceState.TERMINATING)) {
          records.put(id, i.toBuilder().state(InstanceState.TERMINATING).stateTime(now).build());
        }
      }
    }
    appliedLaunches = launches.size();
    appliedDestroys = destroys.size();
    return new DomainSnapshot(previous.key(), List.copyOf(records.values()), previous.sensorData(), now);
  }
}
