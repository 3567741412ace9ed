package org.epum.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.struct;

import java.time.Duration;
import java.util.List;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.InstanceStateReport;
import org.epum.proto.v1.NodeStateRequest;
import org.epum.proto.v1.ProvisionRequest;
import org.epum.proto.v1.ReportInstanceStateResponse;
import org.epum.proto.v1.RunDeciderRequest;
import org.epum.proto.v1.SubscribeDomainRequest;
import org.epum.proto.v1.SubscriberRef;
import org.epum.server.testing.RecordingSubscriber;
import org.epum.server.testing.ServerITBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Scenario section D's harness over the gRPC API: the simplest definition, domains of owner1,
 * DECIDE through EpumAdmin, state reports as the Provisioner, and a real recording subscriber
 * endpoint (H4). "Nothing was notified" is proved with a witness: a notification sent after the
 * reports under test on the same endpoint (so in order behind anything they caused) arrives next.
 */
abstract class NotifyITBase extends ServerITBase {
  static final String OWNER = "owner1";
  static final Duration WAIT = Duration.ofSeconds(20);
  RecordingSubscriber subscriber;
  private String witnessInstance;
  private long witnessCounter;

  @BeforeEach
  void startSubscriber() throws java.io.IOException {
    subscriber = new RecordingSubscriber();
    server.stubs().management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("simplest")
        .setConfig(struct("{\"general\": {\"engine_class\": \"SimplestEngine\"}, \"health\": {\"monitor_health\": false}}"))
        .build());
    addDomain("witness", "witness_dt", 1, ref("witness"));
    decide();
    witnessInstance = instanceOf("witness_dt");
    provisioner.clear();
  }

  @AfterEach
  void stopSubscriber() throws InterruptedException {
    subscriber.close();
  }

  SubscriberRef ref(String name) {
    return SubscriberRef.newBuilder().setName(name).setEndpoint(subscriber.endpoint()).build();
  }

  void addDomain(String domainId, String dt, int preserveN, SubscriberRef... subscribers) {
    server.as(OWNER).management().addDomain(AddDomainRequest.newBuilder().setDomainId(domainId)
        .setDefinitionId("simplest").addAllSubscribers(List.of(subscribers))
        .setConfig(struct("{\"engine_conf\": {\"preserve_n\": " + preserveN + ", \"epuworker_type\": \"" + dt + "\"}}"))
        .build());
  }

  void subscribe(String domainId, SubscriberRef ref) {
    server.as(OWNER).management().subscribeDomain(SubscribeDomainRequest.newBuilder().setDomainId(domainId)
        .setSubscriber(ref).build());
  }

  void decide() {
    server.stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance());
  }

  /** The instance id of the one provision of deployable type {@code dt}. */
  String instanceOf(String dt) {
    var ids = provisioner.provisions.stream().filter(p -> p.getDeployableType().equals(dt))
        .map(ProvisionRequest::getInstanceId).distinct().toList();
    assertThat(ids).as("instances of " + dt).hasSize(1);
    return ids.get(0);
  }

  ReportInstanceStateResponse report(String id, InstanceState state) {
    return report(InstanceStateReport.newBuilder().setNodeId(id).setState(state).build());
  }

  ReportInstanceStateResponse report(InstanceStateReport r) {
    return server.stubs().instanceStates().reportInstanceState(r);
  }

  /** Waits for the {@code n}th notification and returns all of them, the witness's left out. */
  List<NodeStateRequest> awaitNotifications(int n) throws InterruptedException {
    subscriber.awaitCalls(n + witnessCount(), WAIT);
    return notifications();
  }

  List<NodeStateRequest> notifications() {
    return subscriber.calls().stream().filter(c -> !c.getSubscriberName().equals("witness")).toList();
  }

  /**
   * Returns the notifications (the witness's left out) once every one caused so far has arrived:
   * sends a witness notification on the same endpoint and waits for it.
   */
  List<NodeStateRequest> settled() throws InterruptedException {
    int before = subscriber.calls().size();
    report(InstanceStateReport.newBuilder().setNodeId(witnessInstance).setState(InstanceState.INSTANCE_STATE_RUNNING)
        .setUpdateCounter(++witnessCounter).build());
    untilWitness(before);
    return notifications();
  }

  private int witnessCount() {
    return subscriber.calls().stream().filter(c -> c.getSubscriberName().equals("witness")).mapToInt(c -> 1).sum();
  }

  /** Waits until a call after the first {@code before} is the witness's. */
  private void untilWitness(int before) throws InterruptedException {
    for (int n = before + 1; ; n++) {
      if (subscriber.awaitCalls(n, WAIT).get(n - 1).getSubscriberName().equals("witness")) {
        return;
      }
    }
  }

  static void assertNotification(NodeStateRequest n, String name, String domain, String nodeId, String label) {
    assertThat(n.getSubscriberName()).isEqualTo(name);
    assertThat(n.getDomainId()).isEqualTo(domain);
    assertThat(n.getNodeId()).isEqualTo(nodeId);
    assertThat(n.getStateLabel()).isEqualTo(label);
    assertThat(n.getState()).isEqualTo(label.startsWith("600") ? InstanceState.INSTANCE_STATE_RUNNING
        : InstanceState.INSTANCE_STATE_FAILED);
    assertThat(n.getOwner()).isEqualTo(OWNER);
  }
}
