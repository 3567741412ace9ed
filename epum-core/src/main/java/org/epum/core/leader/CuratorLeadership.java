package org.epum.core.leader;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.epum.core.error.EpumException;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election over ZooKeeper: one Curator {@link LeaderLatch} per role this replica contends
 * for. On winning a role it bumps the role's epoch and acts under that fence, so the previous
 * holder's writes fail in the store even if it has not noticed it was deposed. It stops acting
 * the moment the connection is SUSPENDED or LOST (before ZooKeeper expires the session), and
 * bumps the epoch again when it regains the role.
 */
public final class CuratorLeadership extends AbstractIdleService implements Leadership, LeaderDirectory {
  private static final Logger log = LoggerFactory.getLogger(CuratorLeadership.class);
  private static final Duration EPOCH_RETRY = Duration.ofMillis(200);
  private static final Duration SETTLE_POLL = Duration.ofMillis(10);

  private final CuratorFramework client;
  private final EpumStore store;
  private final UnaryOperator<String> electionPath;
  private final String participantId;
  private final List<String> roles;
  private final MeterRegistry meters;
  private final Duration settleTimeout;
  private final Map<String, LeaderLatch> latches = new ConcurrentHashMap<>();
  private final Map<String, Fence> fences = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final ConnectionStateListener connectionListener = this::connectionChanged;
  private ScheduledExecutorService events;

  /**
   * @param electionPath the latch path of a role
   * @param participantId this replica's id in the elections ({@code name:host:pid})
   * @param roles the roles this replica contends for (a subset of {@link Roles#ALL})
   * @param settleTimeout how long start waits for every role to have a leader (this replica or
   *     another), so a lone replica is leading by the time it serves its first call
   */
  public CuratorLeadership(CuratorFramework client, EpumStore store, UnaryOperator<String> electionPath,
      String participantId, Collection<String> roles, Duration settleTimeout, MeterRegistry meters) {
    this.client = requireNonNull(client);
    this.store = requireNonNull(store);
    this.electionPath = requireNonNull(electionPath);
    this.participantId = requireNonNull(participantId);
    this.roles = List.copyOf(roles);
    this.meters = requireNonNull(meters);
    this.settleTimeout = requireNonNull(settleTimeout);
    for (String role : this.roles) {
      if (!Roles.ALL.contains(role)) {
        throw new IllegalArgumentException("unknown role " + role + "; roles are " + Roles.ALL);
      }
      Gauge.builder("epum.leader.leading", fences, f -> f.containsKey(role) ? 1 : 0).tag("role", role)
          .description("1 while this replica leads the role").register(meters);
      Gauge.builder("epum.leader.epoch", fences, f -> f.containsKey(role) ? f.get(role).epoch() : 0)
          .tag("role", role).description("the fencing epoch this replica leads the role at").register(meters);
    }
  }

  @Override
  protected void startUp() throws Exception {
    events = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("epum-election-%d").setDaemon(true).build());
    client.getConnectionStateListenable().addListener(connectionListener);
    for (String role : roles) {
      join(role);
    }
    log.info("contending for roles {} as {}", roles, participantId);
    awaitSettled();
  }

  private void join(String role) throws Exception {
    LeaderLatch latch = new LeaderLatch(client, electionPath.apply(role), participantId,
        LeaderLatch.CloseMode.NOTIFY_LEADER);
    latch.addListener(new LeaderLatchListener() {
      @Override
      public void isLeader() {
        elected(role, latch);
      }

      @Override
      public void notLeader() {
        deposed(role, "lost the election");
      }
    }, events);
    latches.put(role, latch);
    latch.start();
  }

  @Override
  public void stepDown(String role, String why) {
    Counter.builder("epum.leader.fenced").tag("role", role).description("writes or calls refused by the fence")
        .register(meters).increment();
    deposed(role, why);
    events.execute(() -> {
      LeaderLatch old = latches.get(role);
      if (old == null || state() != State.RUNNING) {
        return;
      }
      try {
        old.close(LeaderLatch.CloseMode.SILENT);
        join(role);
      } catch (Exception e) {
        log.warn("re-joining the {} election failed: {}", role, e.toString());
      }
    });
  }

  /** Bounded: a replica that cannot see the elections yet still starts, and leads when it can. */
  private void awaitSettled() throws InterruptedException {
    long deadline = System.nanoTime() + settleTimeout.toNanos();
    while (!settled() && System.nanoTime() < deadline) {
      Thread.sleep(SETTLE_POLL.toMillis());
    }
  }

  private boolean settled() {
    for (var e : latches.entrySet()) {
      if (fences.containsKey(e.getKey())) {
        continue;
      }
      try {
        Participant leader = e.getValue().getLeader();
        if (!leader.isLeader() || leader.getId().equals(participantId)) {
          return false;
        }
      } catch (Exception ex) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected void shutDown() throws Exception {
    client.getConnectionStateListenable().removeListener(connectionListener);
    fences.clear();
    for (LeaderLatch latch : latches.values()) {
      try {
        latch.close();
      } catch (Exception e) {
        log.warn("closing the election latch {} failed: {}", latch.getOurPath(), e.toString());
      }
    }
    latches.clear();
    events.shutdownNow();
    events.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Override
  public boolean isLeader(String role) {
    return fences.containsKey(role);
  }

  @Override
  public Fence fence(String role) {
    Fence f = fences.get(role);
    if (f == null) {
      throw EpumException.notLeader("this replica (" + participantId + ") does not lead role " + role);
    }
    return f;
  }

  @Override
  public void addChangeListener(Runnable listener) {
    listeners.add(requireNonNull(listener));
  }

  @Override
  public List<LeaderInfo> leaders() {
    List<LeaderInfo> out = new ArrayList<>();
    for (String role : Roles.ALL) {
      LeaderLatch latch = latches.get(role);
      String leader = "";
      List<String> participants = new ArrayList<>();
      if (latch != null) {
        try {
          for (Participant p : latch.getParticipants()) {
            if (p.isLeader()) {
              leader = p.getId();
              participants.add(0, p.getId());
            } else {
              participants.add(p.getId());
            }
          }
        } catch (Exception e) {
          throw EpumException.storeUnavailable("cannot read the " + role + " election from ZooKeeper: " + e, e);
        }
      }
      out.add(new LeaderInfo(role, leader, store.epoch(role), participants));
    }
    return out;
  }

  /** On the election thread. The epoch bump is retried while the latch still says we lead. */
  private void elected(String role, LeaderLatch latch) {
    if (!latch.hasLeadership() || fences.containsKey(role)) {
      return;
    }
    try {
      long epoch = store.bumpEpoch(role);
      if (!latch.hasLeadership()) {
        return;
      }
      fences.put(role, new Fence(role, epoch));
      Counter.builder("epum.leader.changes").tag("role", role).tag("to", "gained").register(meters).increment();
      log.info("now leading role {} at epoch {}", role, epoch);
      notifyListeners();
    } catch (RuntimeException e) {
      log.warn("won role {} but could not bump its epoch ({}); retrying", role, e.toString());
      events.schedule(() -> elected(role, latch), EPOCH_RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void deposed(String role, String why) {
    if (fences.remove(role) != null) {
      Counter.builder("epum.leader.changes").tag("role", role).tag("to", "lost").register(meters).increment();
      log.warn("stopped leading role {}: {}", role, why);
      notifyListeners();
    }
  }

  /** On Curator's event thread: stop acting at once, before the latch catches up. */
  private void connectionChanged(CuratorFramework c, ConnectionState state) {
    if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
      for (String role : List.copyOf(fences.keySet())) {
        deposed(role, "ZooKeeper connection " + state);
      }
    } else if (state == ConnectionState.RECONNECTED) {
      // The latch re-joins the election itself; a role it still holds is taken up again here.
      latches.forEach((role, latch) -> events.execute(() -> elected(role, latch)));
    }
  }

  private void notifyListeners() {
    for (Runnable l : listeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        log.warn("leadership listener failed", e);
      }
    }
  }
}
