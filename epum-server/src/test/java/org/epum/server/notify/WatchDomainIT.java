package org.epum.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.failsWith;
import static org.epum.server.testing.Protos.struct;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.epum.client.DomainEventListener;
import org.epum.client.GrpcEpumClient;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.DomainEvent;
import org.epum.proto.v1.EpuManagementGrpc;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.HeartbeatRequest;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.InstanceStateReport;
import org.epum.proto.v1.ListDomainEventsRequest;
import org.epum.proto.v1.RemoveDomainRequest;
import org.epum.proto.v1.RunDeciderRequest;
import org.epum.proto.v1.WatchDomainRequest;
import org.epum.server.testing.ServerITBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WatchDomain through the gRPC API on ZooKeeper: backlog then live events, resume, end, errors. */
class WatchDomainIT extends ServerITBase {
  private static final String OWNER = "owner1";
  private String instance;

  @BeforeEach
  void monitoredDomainWithAStartedInstance() {
    server.stubs().management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("def")
        .setConfig(struct("{\"health\": {\"monitor_health\": true}}")).build());
    server.as(OWNER).management().addDomain(AddDomainRequest.newBuilder().setDomainId("dom").setDefinitionId("def")
        .setConfig(struct("{\"engine_conf\": {\"preserve_n\": 1}}")).build());
    decide();
    instance = provisioner.provisionedIds().get(0);
    report(InstanceState.INSTANCE_STATE_STARTED);
  }

  @Test
  void sendsTheBacklogThenLiveInstanceHealthAndDecisionEvents() throws Exception {
    List<DomainEvent> kept = server.as(OWNER).management().listDomainEvents(ListDomainEventsRequest.newBuilder()
        .setDomainId("dom").build()).getEventsList();
    assertThat(kept).extracting(EventKinds::kind).contains("decision", "instance_state");

    var watch = watch("dom", 0);
    for (DomainEvent expected : kept) {
      assertThat(watch.next()).isEqualTo(expected);
    }
    report(InstanceState.INSTANCE_STATE_RUNNING);
    var running = watch.next();
    assertThat(running.getInstanceState().getInstanceId()).isEqualTo(instance);
    assertThat(running.getInstanceState().getFrom()).isEqualTo(InstanceState.INSTANCE_STATE_STARTED);
    assertThat(running.getInstanceState().getTo()).isEqualTo(InstanceState.INSTANCE_STATE_RUNNING);
    assertThat(running.getSequence()).isEqualTo(kept.get(kept.size() - 1).getSequence() + 1);

    server.stubs().heartbeats().heartbeat(HeartbeatRequest.newBuilder().setNodeId(instance)
        .setState(HealthState.HEALTH_STATE_OK).build());
    var health = watch.next();
    assertThat(health.getHealth().getInstanceId()).isEqualTo(instance);
    assertThat(health.getHealth().getTo()).isEqualTo(HealthState.HEALTH_STATE_OK);

    decide();
    assertThat(EventKinds.kind(watch.next())).isEqualTo("decision");
    watch.cancel();
  }

  @Test
  void resumesAfterTheGivenSequence() throws Exception {
    long last = lastSequence();
    assertThat(last).isGreaterThanOrEqualTo(2);
    var first = watch("dom", last - 1);
    assertThat(first.next().getSequence()).isEqualTo(last);
    first.cancel();

    report(InstanceState.INSTANCE_STATE_RUNNING);
    var resumed = watch("dom", last);
    var missed = resumed.next();
    assertThat(missed.getSequence()).isEqualTo(last + 1);
    assertThat(missed.getInstanceState().getTo()).isEqualTo(InstanceState.INSTANCE_STATE_RUNNING);
    resumed.cancel();
  }

  @Test
  void endsCleanlyWhenTheDomainIsRemoved() throws Exception {
    var watch = watch("dom", lastSequence());
    server.as(OWNER).management().removeDomain(RemoveDomainRequest.newBuilder().setDomainId("dom").build());
    decide();
    report(InstanceState.INSTANCE_STATE_TERMINATED);
    decide();
    assertThat(watch.end.get(20, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.OK);
    assertThat(watch.events).extracting(EventKinds::kind).contains("instance_state");
  }

  @Test
  void unknownAndOtherOwnersDomainsAreNotFound() {
    var req = WatchDomainRequest.newBuilder().setDomainId("dom").build();
    failsWith(Status.Code.NOT_FOUND, () -> server.as("owner2").management().watchDomain(req).hasNext());
    failsWith(Status.Code.NOT_FOUND, () -> server.as(OWNER).management()
        .watchDomain(WatchDomainRequest.newBuilder().setDomainId("nope").build()).hasNext());
    failsWith(Status.Code.INVALID_ARGUMENT, () -> server.as(OWNER).management()
        .watchDomain(WatchDomainRequest.newBuilder().setDomainId("dom").setAfterSequence(-1).build()).hasNext());
  }

  @Test
  void theJavaClientsWatchesStreamAndClose() throws Exception {
    try (var client = GrpcEpumClient.builder(server.target()).actAs(OWNER).build()) {
      long last = lastSequence();
      BlockingQueue<DomainEvent> heard = new LinkedBlockingQueue<>();
      var handle = client.watchDomain("dom", last, new DomainEventListener() {
        @Override
        public void onEvent(DomainEvent event) {
          heard.add(event);
        }
      });
      try (var blocking = client.watchDomain("dom", last - 1)) {
        assertThat(blocking.hasNext()).isTrue();
        assertThat(blocking.next().getSequence()).isEqualTo(last);
        report(InstanceState.INSTANCE_STATE_RUNNING);
        assertThat(blocking.next().getSequence()).isEqualTo(last + 1);
        assertThat(heard.poll(20, TimeUnit.SECONDS)).isNotNull()
            .satisfies(e -> assertThat(e.getSequence()).isEqualTo(last + 1));
        blocking.close();
        assertThat(blocking.hasNext()).isFalse();
      }
      handle.close();
    }
  }

  private void decide() {
    server.stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance());
  }

  private void report(InstanceState state) {
    server.stubs().instanceStates().reportInstanceState(InstanceStateReport.newBuilder().setNodeId(instance)
        .setState(state).build());
  }

  private long lastSequence() {
    return server.as(OWNER).management().listDomainEvents(ListDomainEventsRequest.newBuilder().setDomainId("dom")
        .build()).getLastSequence();
  }

  private Recorder watch(String domain, long after) {
    var stubs = server.as(OWNER);
    var recorder = new Recorder();
    EpuManagementGrpc.newStub(stubs.channel()).withInterceptors(stubs.interceptors())
        .watchDomain(WatchDomainRequest.newBuilder().setDomainId(domain).setAfterSequence(after).build(), recorder);
    return recorder;
  }

  private static final class EventKinds {
    static String kind(DomainEvent e) {
      return e.getKindCase().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Records a watch's events and how it ended; waits are signalled by the stream itself. */
  private static final class Recorder implements ClientResponseObserver<WatchDomainRequest, DomainEvent> {
    final BlockingQueue<DomainEvent> events = new LinkedBlockingQueue<>();
    final CompletableFuture<Status> end = new CompletableFuture<>();
    private volatile ClientCallStreamObserver<WatchDomainRequest> call;

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchDomainRequest> requestStream) {
      call = requestStream;
    }

    @Override
    public void onNext(DomainEvent value) {
      events.add(value);
    }

    @Override
    public void onError(Throwable t) {
      end.complete(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      end.complete(Status.OK);
    }

    DomainEvent next() throws InterruptedException {
      DomainEvent e = events.poll(20, TimeUnit.SECONDS);
      assertThat(e).as("the next event within 20 s (stream ended: %s)", end.getNow(null)).isNotNull();
      return e;
    }

    void cancel() {
      call.cancel("test done", null);
    }
  }
}
