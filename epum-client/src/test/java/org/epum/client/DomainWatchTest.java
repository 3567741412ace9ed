package org.epum.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.epum.proto.v1.DomainChanged;
import org.epum.proto.v1.DomainEvent;
import org.epum.proto.v1.WatchDomainRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DomainWatchTest {
  private FakeEpumServer server;
  private EpumClient client;

  @BeforeEach
  void start() {
    server = FakeEpumServer.start();
    client = GrpcEpumClient.forChannel(server.channel()).token("t").build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void iteratorYieldsEventsUntilTheServerEndsTheStream() {
    server.replies().reply("watchDomain", List.of(event(1), event(2)));
    try (DomainWatch watch = client.watchDomain("d1", 0)) {
      assertThat(watch.next().getSequence()).isEqualTo(1);
      assertThat(watch.next().getSequence()).isEqualTo(2);
      assertThat(watch.hasNext()).isFalse();
    }
    WatchDomainRequest req = server.replies().request("watchDomain");
    assertThat(req.getDomainId()).isEqualTo("d1");
    assertThat(server.replies().last("watchDomain").deadline()).isNull();
  }

  @Test
  void iteratorFailureIsTranslated() {
    server.replies().reply("watchDomain", Status.NOT_FOUND.withDescription("no domain d1"));
    try (DomainWatch watch = client.watchDomain("d1", 5)) {
      assertThatThrownBy(watch::hasNext).isInstanceOfSatisfying(EpumClientException.class,
          e -> assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND));
    }
  }

  @Test
  void closingTheIteratorCancelsTheServerStream() throws InterruptedException {
    server.replies().reply("watchDomain", FakeEpuManagement.HOLD_OPEN);
    DomainWatch watch = client.watchDomain("d1", 0);
    FakeEpuManagement.OpenWatch open = server.management().openWatches().poll(5, SECONDS);
    assertThat(open).isNotNull();
    open.stream().onNext(event(7));
    assertThat(watch.next().getSequence()).isEqualTo(7);

    watch.close();

    assertThat(open.cancelled().await(5, SECONDS)).isTrue();
    assertThat(watch.hasNext()).isFalse();
  }

  @Test
  void callbackWatchDeliversEventsAndCompletion() throws InterruptedException {
    server.replies().reply("watchDomain", List.of(event(1), event(2)));
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    client.watchDomain("d1", 0, new DomainEventListener() {
      @Override
      public void onEvent(DomainEvent e) {
        seen.add("event " + e.getSequence());
      }

      @Override
      public void onCompleted() {
        seen.add("completed");
      }
    });
    assertThat(List.of(seen.poll(5, SECONDS), seen.poll(5, SECONDS), seen.poll(5, SECONDS)))
        .containsExactly("event 1", "event 2", "completed");
  }

  @Test
  void callbackWatchReportsErrorsAndStopsAfterClose() throws InterruptedException {
    server.replies().reply("watchDomain", FakeEpuManagement.HOLD_OPEN);
    BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    WatchHandle handle = client.watchDomain("d1", 0, new DomainEventListener() {
      @Override
      public void onEvent(DomainEvent e) {
        seen.add(e.getSequence());
      }

      @Override
      public void onError(EpumClientException error) {
        seen.add(error.code());
      }
    });
    FakeEpuManagement.OpenWatch open = server.management().openWatches().poll(5, SECONDS);
    assertThat(open).isNotNull();
    open.stream().onNext(event(3));
    assertThat(seen.poll(5, SECONDS)).isEqualTo(3L);

    handle.close();

    assertThat(open.cancelled().await(5, SECONDS)).isTrue();
    // Our own cancellation is not reported as an error.
    assertThat(seen).isEmpty();
  }

  @Test
  void callbackWatchTranslatesServerErrors() throws InterruptedException {
    server.replies().reply("watchDomain", Status.PERMISSION_DENIED.withDescription("nope"));
    BlockingQueue<EpumClientException> errors = new LinkedBlockingQueue<>();
    client.watchDomain("d1", 0, new DomainEventListener() {
      @Override
      public void onEvent(DomainEvent e) {}

      @Override
      public void onError(EpumClientException error) {
        errors.add(error);
      }
    });
    EpumClientException e = errors.poll(5, SECONDS);
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(e.description()).isEqualTo("nope");
  }

  private static DomainEvent event(long seq) {
    return DomainEvent.newBuilder().setSequence(seq).setDomainId("d1")
        .setDomain(DomainChanged.newBuilder().setChange("added").setConfigVersion(1)).build();
  }
}
