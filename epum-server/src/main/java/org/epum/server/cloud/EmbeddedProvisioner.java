package org.epum.server.cloud;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.epum.core.error.EpumException;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.NodeRecord;
import org.epum.proto.v1.ProvisionRequest;
import org.epum.server.grpc.Structs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import static java.util.Objects.requireNonNull;

/**
 * The Provisioner's logic (DESIGN §7): node records, idempotent Provision, TerminateNodes, the
 * epoch fence, DumpState and DescribeNodes. Every change is persisted to the {@link NodeStore}
 * first, then pushed to EPUM with a higher update_counter. The driver decides how nodes boot.
 * Thread-safe: one lock guards the records; calls may block on the store.
 */
public final class EmbeddedProvisioner implements NodeTransitions {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedProvisioner.class);
  private static final Set<InstanceState> FINAL = Set.of(InstanceState.INSTANCE_STATE_TERMINATED,
      InstanceState.INSTANCE_STATE_FAILED, InstanceState.INSTANCE_STATE_REJECTED);

  private final NodeStore store;
  private final CloudDriver driver;
  private final StatePusher pusher;
  private final BiFunction<String, String, Optional<String>> catalog;
  private final Map<String, NodeRecord> nodes = new LinkedHashMap<>();
  private long epoch;

  /**
   * @param catalog why a deployable type cannot launch at a site (the DTRS's answer), or empty
   */
  public EmbeddedProvisioner(NodeStore store, CloudDriver driver, StatePusher pusher,
      BiFunction<String, String, Optional<String>> catalog) {
    this.catalog = requireNonNull(catalog);
    this.store = requireNonNull(store);
    this.driver = requireNonNull(driver);
    this.pusher = requireNonNull(pusher);
    driver.bind(this);
  }

  /** Loads the stored nodes and epoch, resumes booting and terminating nodes, and re-pushes the live ones. */
  public synchronized void start() {
    epoch = store.epoch();
    for (NodeRecord node : store.loadAll()) {
      nodes.put(node.getInstanceId(), node);
    }
    log.info("embedded provisioner: {} nodes loaded, epoch {}", nodes.size(), epoch);
    for (NodeRecord node : nodes.values()) {
      driver.changed(node);
      // Final records EPUM may have missed come back through its retried terminate and its
      // DumpState on gaining leadership, so only live ones are pushed here.
      if (!FINAL.contains(node.getState())) {
        pusher.push(node);
      }
    }
  }

  /** Stops the driver's timers and agents. */
  public void stop() {
    driver.close();
  }

  /** Launches a node, or answers with the existing one of the same instance id. */
  public synchronized NodeRecord provision(ProvisionRequest req) {
    checkLaunch(req);
    Map<String, Object> vars = Structs.toMap(req.getVars());
    NodeRecord existing = nodes.get(req.getInstanceId());
    if (existing != null) {
      if (!existing.getDeployableType().equals(req.getDeployableType()) || !existing.getSite().equals(req.getSite())
          || !existing.getOwner().equals(req.getOwner())) {
        throw EpumException.alreadyExists("instance " + req.getInstanceId() + " was already provisioned as "
            + existing.getDeployableType() + " at " + existing.getSite() + " for " + existing.getOwner()
            + "; a repeat must carry the same deployable_type, site and owner");
      }
      fence(req.getEpoch());
      pusher.push(existing); // EPUM repeats a provision when it has not heard back: tell it again
      return existing;
    }
    driver.checkVars(vars);
    fence(req.getEpoch());
    NodeRecord node = NodeRecord.newBuilder().setInstanceId(req.getInstanceId()).setLaunchId(req.getLaunchId())
        .setOwner(req.getOwner()).setDeployableType(req.getDeployableType()).setSite(req.getSite())
        .setAllocation(req.getAllocation()).setVars(req.getVars()).setState(InstanceState.INSTANCE_STATE_REQUESTED)
        .setUpdateCounter(1).build();
    var refusal = catalog.apply(node.getDeployableType(), node.getSite());
    if (refusal.isEmpty()) {
      refusal = driver.refusal(node, live());
    }
    if (refusal.isPresent()) {
      node = node.toBuilder().setState(InstanceState.INSTANCE_STATE_FAILED).setStateDesc(refusal.get()).build();
      log.info("instance={} launch failed at once: {}", node.getInstanceId(), refusal.get());
    } else {
      log.info("instance={} provisioning {} at {} for {}", node.getInstanceId(), node.getDeployableType(),
          node.getSite(), node.getOwner());
    }
    record(node);
    return node;
  }

  /** Starts terminating the known, live nodes among the ids; returns the ids it knew. */
  public synchronized List<String> terminate(List<String> ids, String owner, long callEpoch) {
    fence(callEpoch);
    List<String> accepted = new ArrayList<>();
    for (String id : ids) {
      NodeRecord node = nodes.get(id);
      if (node == null || (!owner.isEmpty() && !node.getOwner().equals(owner))) {
        continue;
      }
      accepted.add(id);
      if (node.getStateValue() < InstanceState.INSTANCE_STATE_TERMINATING_VALUE && !FINAL.contains(node.getState())) {
        advance(id, InstanceState.INSTANCE_STATE_TERMINATING, b -> b.setStateDesc("terminate requested"));
      } else {
        pusher.push(node); // a repeated terminate: EPUM has not heard the outcome yet
      }
    }
    return accepted;
  }

  /** Re-pushes the given nodes' current records (all when none are given); unknown ids are skipped. */
  public synchronized int dumpState(List<String> ids) {
    List<NodeRecord> chosen = select(ids, "");
    chosen.forEach(pusher::push);
    return chosen.size();
  }

  /** The records of the given nodes (all when none are given), of one owner when owner is not empty. */
  public synchronized List<NodeRecord> describe(List<String> ids, String owner) {
    return select(ids, owner);
  }

  /** The highest epoch seen. */
  public synchronized long epoch() {
    return epoch;
  }

  @Override
  public synchronized boolean advance(String instanceId, InstanceState to, UnaryOperator<NodeRecord.Builder> fields) {
    NodeRecord node = nodes.get(instanceId);
    if (node == null || FINAL.contains(node.getState()) || to.getNumber() <= node.getStateValue()) {
      return false;
    }
    NodeRecord next = fields.apply(node.toBuilder().setState(to).setUpdateCounter(node.getUpdateCounter() + 1))
        .build();
    log.info("instance={} {} -> {}{}", instanceId, node.getState(), to,
        next.getStateDesc().isEmpty() ? "" : " (" + next.getStateDesc() + ")");
    record(next);
    return true;
  }

  private void record(NodeRecord node) {
    store.put(node);
    nodes.put(node.getInstanceId(), node);
    driver.changed(node);
    pusher.push(node);
  }

  private Collection<NodeRecord> live() {
    return nodes.values().stream().filter(n -> n.getStateValue() < InstanceState.INSTANCE_STATE_TERMINATED_VALUE
        && !FINAL.contains(n.getState())).toList();
  }

  private List<NodeRecord> select(List<String> ids, String owner) {
    var chosen = ids.isEmpty() ? nodes.values().stream()
        : ids.stream().map(nodes::get).filter(Objects::nonNull);
    return chosen.filter(n -> owner.isEmpty() || n.getOwner().equals(owner)).toList();
  }

  private void fence(long callEpoch) {
    if (callEpoch < epoch) {
      throw EpumException.wrongState("epoch " + callEpoch + " is older than epoch " + epoch + " already seen: the "
          + "caller is a deposed decider; only the current leader may provision or terminate");
    }
    if (callEpoch > epoch) {
      store.putEpoch(callEpoch);
      epoch = callEpoch;
    }
  }

  private static void checkLaunch(ProvisionRequest req) {
    org.epum.core.domain.Names.check("instance_id", req.getInstanceId());
    require(!req.getDeployableType().isEmpty(), "deployable_type is required");
    require(!req.getSite().isEmpty(), "site is required");
    require(req.getEpoch() >= 0, "epoch must not be negative, got " + req.getEpoch());
    var vars = req.getVars().getFieldsMap();
    if (vars.containsKey("node_id")) {
      require(vars.get("node_id").getStringValue().equals(req.getInstanceId()), "vars.node_id must equal instance_id "
          + req.getInstanceId() + ", got '" + vars.get("node_id").getStringValue() + "'");
    }
    if (vars.containsKey("heartbeat_dest")) {
      String dest = vars.get("heartbeat_dest").getStringValue();
      try {
        org.epum.server.config.HostPort.parse(dest);
      } catch (IllegalArgumentException e) {
        throw EpumException.invalidArgument("vars.heartbeat_dest must be host:port, got '" + dest + "'");
      }
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw EpumException.invalidArgument(message);
    }
  }
}
