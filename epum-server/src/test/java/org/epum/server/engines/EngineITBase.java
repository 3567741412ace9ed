package org.epum.server.engines;

import static org.epum.server.testing.Protos.at;
import static org.epum.server.testing.Protos.struct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.Decision;
import org.epum.proto.v1.DecisionAction;
import org.epum.proto.v1.DecisionReason;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.Domain;
import org.epum.proto.v1.DomainEvent;
import org.epum.proto.v1.DomainPass;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.HeartbeatRequest;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.InstanceStateReport;
import org.epum.proto.v1.ListDomainEventsRequest;
import org.epum.proto.v1.ProvisionRequest;
import org.epum.proto.v1.ReconfigureDomainRequest;
import org.epum.proto.v1.RunDeciderRequest;
import org.epum.proto.v1.RunDeciderResponse;
import org.epum.proto.v1.SetClockRequest;
import org.epum.server.testing.ServerITBase;
import org.junit.jupiter.api.BeforeEach;

/**
 * Drives a decision engine end to end: domains added and reconfigured through EpuManagement, the
 * Provisioner's reports through InstanceStates, agents' metrics through Heartbeats, one decider pass
 * per {@link #decide(String)} through EpumAdmin, and the manual clock through SetClock. What the engine did
 * is read back from the recording Provisioner, DescribeDomain and the decision log.
 */
abstract class EngineITBase extends ServerITBase {
  static final String OWNER = "owner1";
  /** The test's start on the server's manual clock, in seconds since the epoch. */
  static final long T0 = 1_700_000_000L;

  private long now;

  @BeforeEach
  void startClock() {
    clock(T0);
  }

  // ---- API calls ----

  void definition(String id, String json) {
    server.stubs().management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId(id)
        .setConfig(struct(json)).build());
  }

  Domain add(String domainId, String definitionId, String configJson) {
    return server.as(OWNER).management().addDomain(AddDomainRequest.newBuilder().setDomainId(domainId)
        .setDefinitionId(definitionId).setConfig(struct(configJson)).build());
  }

  Domain reconfigure(String domainId, String configJson) {
    return server.as(OWNER).management().reconfigureDomain(ReconfigureDomainRequest.newBuilder()
        .setDomainId(domainId).setConfig(struct(configJson)).build());
  }

  Domain describe(String domainId) {
    return server.as(OWNER).management().describeDomain(DescribeDomainRequest.newBuilder()
        .setDomainId(domainId).build());
  }

  /** One decider pass over every domain, as EpumAdmin answers it. */
  RunDeciderResponse pass() {
    return server.stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance());
  }

  /**
   * One decider pass; returns what it did to {@code domainId} (empty when it did nothing there),
   * failing the test if that domain's engine failed.
   */
  List<Decision> decide(String domainId) {
    List<Decision> out = new ArrayList<>();
    for (DomainPass p : pass().getDomainsList()) {
      if (p.getDomainId().equals(domainId)) {
        if (!p.getError().isEmpty()) {
          throw new AssertionError("engine of " + domainId + " failed: " + p.getError());
        }
        out.addAll(p.getDecisionsList());
      }
    }
    return out;
  }

  void clock(long epochSeconds) {
    now = epochSeconds;
    server.stubs().admin().setClock(SetClockRequest.newBuilder().setAt(at(epochSeconds)).build());
  }

  void advance(long seconds) {
    clock(now + seconds);
  }

  void report(String instanceId, InstanceState state) {
    server.stubs().instanceStates().reportInstanceState(InstanceStateReport.newBuilder().setNodeId(instanceId)
        .setState(state).build());
  }

  /** The Provisioner reports every instance the decider asked for (still REQUESTING) in {@code state}. */
  List<String> reportRequested(String domainId, InstanceState state) {
    List<String> ids = instances(domainId, i -> i.getState() == InstanceState.INSTANCE_STATE_REQUESTING)
        .stream().map(Instance::getInstanceId).toList();
    ids.forEach(id -> report(id, state));
    return ids;
  }

  /** The Provisioner boots every requested instance and finishes every termination EPUM asked for. */
  void settle(String domainId) {
    reportRequested(domainId, InstanceState.INSTANCE_STATE_RUNNING);
    instances(domainId, i -> i.getState() == InstanceState.INSTANCE_STATE_TERMINATING)
        .forEach(i -> report(i.getInstanceId(), InstanceState.INSTANCE_STATE_TERMINATED));
  }

  /** An OK heartbeat from {@code instanceId}'s agent carrying {@code metrics}. */
  void heartbeat(String instanceId, Map<String, Double> metrics) {
    server.stubs().heartbeats().heartbeat(HeartbeatRequest.newBuilder().setNodeId(instanceId)
        .setState(HealthState.HEALTH_STATE_OK).putAllMetrics(metrics).build());
  }

  /** An OK heartbeat carrying {@code metric} = {@code value} from every RUNNING instance's agent. */
  void heartbeatAll(String domainId, String metric, double value) {
    for (Instance i : instances(domainId, i -> i.getState() == InstanceState.INSTANCE_STATE_RUNNING)) {
      heartbeat(i.getInstanceId(), Map.of(metric, value));
    }
  }

  // ---- reading results ----

  List<Instance> instances(String domainId, Predicate<Instance> filter) {
    return describe(domainId).getInstancesList().stream().filter(filter).toList();
  }

  /** Instances that are live and healthy as DESIGN §2 counts them (below TERMINATING, not RUNNING_FAILED). */
  List<Instance> live(String domainId) {
    return instances(domainId, EngineITBase::isLive);
  }

  static boolean isLive(Instance i) {
    int s = i.getStateValue();
    return s >= InstanceState.INSTANCE_STATE_REQUESTING_VALUE && s < InstanceState.INSTANCE_STATE_RUNNING_FAILED_VALUE
        && s != InstanceState.INSTANCE_STATE_ERROR_RETRYING_VALUE;
  }

  long liveAt(String domainId, String site) {
    return live(domainId).stream().filter(i -> i.getSite().equals(site)).count();
  }

  long provisionsAt(String site) {
    return provisioner.provisions.stream().filter(p -> p.getSite().equals(site)).count();
  }

  List<String> provisionedIds() {
    return provisioner.provisions.stream().map(ProvisionRequest::getInstanceId).toList();
  }

  /** Every decision the domain's decision log holds, oldest first. */
  List<Decision> loggedDecisions(String domainId) {
    List<Decision> out = new ArrayList<>();
    long after = 0;
    while (true) {
      var page = server.as(OWNER).management().listDomainEvents(ListDomainEventsRequest.newBuilder()
          .setDomainId(domainId).setAfterSequence(after).build());
      if (page.getEventsCount() == 0) {
        return out;
      }
      for (DomainEvent e : page.getEventsList()) {
        if (e.hasDecision()) {
          out.add(e.getDecision());
        }
        after = e.getSequence();
      }
    }
  }

  static List<DecisionReason> reasons(List<Decision> decisions) {
    return decisions.stream().map(Decision::getReason).toList();
  }

  static List<Decision> withAction(List<Decision> decisions, DecisionAction action) {
    return decisions.stream().filter(d -> d.getAction() == action).toList();
  }

  static long launched(List<Decision> decisions) {
    return withAction(decisions, DecisionAction.DECISION_ACTION_LAUNCH).stream()
        .mapToLong(Decision::getInstanceIdsCount).sum();
  }

  static long terminated(List<Decision> decisions) {
    return withAction(decisions, DecisionAction.DECISION_ACTION_TERMINATE).stream()
        .mapToLong(Decision::getInstanceIdsCount).sum();
  }
}
