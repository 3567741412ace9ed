package org.epum.core.leader;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractIdleService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.epum.core.error.EpumException;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lone replica leads every role. On start it still bumps each role's epoch, so its writes are
 * fenced exactly like an elected leader's and an older process that is somehow still running
 * against the same store is shut out.
 */
public final class SingleNodeLeadership extends AbstractIdleService implements Leadership, LeaderDirectory {
  private static final Logger log = LoggerFactory.getLogger(SingleNodeLeadership.class);

  private final EpumStore store;
  private final String replicaId;
  private final Map<String, Fence> fences = new ConcurrentHashMap<>();

  public SingleNodeLeadership(EpumStore store, String replicaId) {
    this.store = requireNonNull(store);
    this.replicaId = requireNonNull(replicaId);
  }

  @Override
  protected void startUp() {
    for (String role : Roles.ALL) {
      long epoch = store.bumpEpoch(role);
      fences.put(role, new Fence(role, epoch));
      log.info("leading role {} at epoch {} (single replica)", role, epoch);
    }
  }

  @Override
  protected void shutDown() {
    fences.clear();
  }

  @Override
  public boolean isLeader(String role) {
    return fences.containsKey(role);
  }

  @Override
  public Fence fence(String role) {
    Fence f = fences.get(role);
    if (f == null) {
      throw EpumException.notLeader("this replica does not lead role " + role);
    }
    return f;
  }

  @Override
  public List<LeaderInfo> leaders() {
    return Roles.ALL.stream().map(role -> new LeaderInfo(role, isLeader(role) ? replicaId : "",
        store.epoch(role), List.of(replicaId))).toList();
  }
}
