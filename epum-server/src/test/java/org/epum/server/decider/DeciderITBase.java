package org.epum.server.decider;

import static org.epum.server.testing.Protos.at;
import static org.epum.server.testing.Protos.struct;

import java.util.List;
import java.util.Objects;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.Decision;
import org.epum.proto.v1.DecisionAction;
import org.epum.proto.v1.DecisionReason;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.Domain;
import org.epum.proto.v1.DomainEvent;
import org.epum.proto.v1.EpuManagementGrpc.EpuManagementBlockingStub;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.InstanceStateReport;
import org.epum.proto.v1.ListDomainEventsRequest;
import org.epum.proto.v1.ListDomainsRequest;
import org.epum.proto.v1.ReconfigureDomainRequest;
import org.epum.proto.v1.RemoveDomainRequest;
import org.epum.proto.v1.RunDeciderRequest;
import org.epum.proto.v1.RunDeciderResponse;
import org.epum.proto.v1.SetClockRequest;
import org.epum.server.testing.RunningServer;
import org.epum.server.testing.ServerITBase;
import org.epum.server.testing.Waits;
import org.junit.jupiter.api.BeforeEach;

/**
 * Section B of SCENARIOS.md through the gRPC API: one owner per test, the manual clock set to
 * {@link #T0} before each test, DECIDE = EpumAdmin.RunDecider, and reports sent as the Provisioner.
 */
abstract class DeciderITBase extends ServerITBase {
  static final long T0 = 1_800_000_000L;
  static final String SIMPLEST = """
      {"general": {"engine_class": "simplest"}, "health": {"monitor_health": false}}""";

  /** The domains' owner; every test has its own (the test engines count per owner and domain). */
  protected String owner;
  private long now;

  @BeforeEach
  void ownerAndClock() {
    owner = getClass().getSimpleName() + "-" + Long.toHexString(System.nanoTime());
    clock(T0);
  }

  EpuManagementBlockingStub api() {
    return server.as(owner).management();
  }

  void definition(String id, String json) {
    server.stubs().management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId(id)
        .setConfig(struct(json)).build());
  }

  Domain addDomain(String id, String definition, String config) {
    return api().addDomain(AddDomainRequest.newBuilder().setDomainId(id).setDefinitionId(definition)
        .setConfig(struct(config)).build());
  }

  /** A simplest domain with preserve_n {@code n} (creating the simplest definition on first use). */
  Domain simplest(String id, int n) {
    if (server.stubs().management().listDefinitions(org.epum.proto.v1.ListDefinitionsRequest.getDefaultInstance())
        .getDefinitionIdsList().stream().noneMatch("simplest-def"::equals)) {
      definition("simplest-def", SIMPLEST);
    }
    return addDomain(id, "simplest-def", preserve(n));
  }

  static String preserve(int n) {
    return "{\"engine_conf\": {\"preserve_n\": " + n + "}}";
  }

  Domain reconfigure(String id, String config) {
    return api().reconfigureDomain(ReconfigureDomainRequest.newBuilder().setDomainId(id).setConfig(struct(config))
        .build());
  }

  Domain remove(String id) {
    return api().removeDomain(RemoveDomainRequest.newBuilder().setDomainId(id).build());
  }

  Domain describe(String id) {
    return api().describeDomain(DescribeDomainRequest.newBuilder().setDomainId(id).build());
  }

  List<Instance> instances(String id) {
    return describe(id).getInstancesList();
  }

  Instance instance(String domain, String instanceId) {
    return instances(domain).stream().filter(i -> i.getInstanceId().equals(instanceId)).findFirst()
        .orElseThrow(() -> new AssertionError("no instance " + instanceId + " in " + domain));
  }

  List<String> domainIds() {
    return api().listDomains(ListDomainsRequest.getDefaultInstance()).getDomainIdsList();
  }

  RunDeciderResponse decide() {
    return decide(server);
  }

  static RunDeciderResponse decide(RunningServer replica) {
    return replica.stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance());
  }

  /** Sets the manual clock to {@code epochSeconds}. */
  void clock(long epochSeconds) {
    now = epochSeconds;
    server.stubs().admin().setClock(SetClockRequest.newBuilder().setAt(at(epochSeconds)).build());
  }

  /** Moves the manual clock forward. */
  void advance(long seconds) {
    clock(now + seconds);
  }

  /** Reports {@code state} for the instance as the Provisioner does. */
  void report(String instanceId, InstanceState state) {
    server.stubs().instanceStates().reportInstanceState(InstanceStateReport.newBuilder().setNodeId(instanceId)
        .setState(state).build());
  }

  /** Every decision logged for the domain, oldest first. */
  List<Decision> decisions(String domain) {
    return api().listDomainEvents(ListDomainEventsRequest.newBuilder().setDomainId(domain).setLimit(1000).build())
        .getEventsList().stream().filter(DomainEvent::hasDecision).map(DomainEvent::getDecision).toList();
  }

  /** The logged decisions with this action and reason. */
  List<Decision> decisions(String domain, DecisionAction action, DecisionReason reason) {
    return decisions(domain).stream().filter(d -> d.getAction() == action && d.getReason() == reason).toList();
  }

  /** Polls {@code condition} until it holds, failing after 10 s (store caches catch up by watches). */
  static void await(String what, java.util.function.BooleanSupplier condition) {
    Waits.until(what, java.time.Duration.ofSeconds(10), condition);
  }

  /** The pass result of one domain in a RunDecider answer, or null when the pass did not touch it. */
  static org.epum.proto.v1.DomainPass pass(RunDeciderResponse response, String owner, String domain) {
    return response.getDomainsList().stream()
        .filter(p -> Objects.equals(p.getOwner(), owner) && p.getDomainId().equals(domain)).findFirst().orElse(null);
  }
}
