package org.epum.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainRecord;
import org.epum.core.store.Fence;
import org.epum.core.store.RequestMark;
import org.epum.core.store.memory.InMemoryEpumStore;
import org.epum.core.testing.TestRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DomainEventWatchesTest {
  private static final DomainKey D = new DomainKey("o", "d");
  private final InMemoryEpumStore store = new InMemoryEpumStore();
  private final DomainEventWatches watches = new DomainEventWatches(store, store);

  private static final class Sink implements DomainEventWatches.Sink {
    final BlockingQueue<Long> sent = new LinkedBlockingQueue<>();
    final CompletableFuture<String> end = new CompletableFuture<>();
    volatile boolean ready = true;

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void send(DomainEvent event) {
      sent.add(event.sequence());
    }

    @Override
    public void completed() {
      end.complete("completed");
    }

    @Override
    public void aborted(String why) {
      end.complete("aborted: " + why);
    }

    long next() throws InterruptedException {
      Long s = sent.poll(10, TimeUnit.SECONDS);
      assertThat(s).as("an event within 10 s").isNotNull();
      return s;
    }
  }

  @AfterEach
  void close() {
    watches.close();
    store.close();
  }

  private void append(int n) {
    for (int i = 0; i < n; i++) {
      store.append(D, List.of(DomainEvent.of(Instant.EPOCH, new EventBody.DomainChange("c", i))), Fence.NONE);
    }
  }

  private void createDomain() {
    DomainRecord domain = TestRecords.domain(D);
    store.createDomain(domain, List.of(), RequestMark.NONE);
  }

  @Test
  void sendsTheBacklogAfterTheStartThenLiveEventsThenCompletesWhenTheDomainGoes() throws Exception {
    createDomain();
    append(3);
    var sink = new Sink();
    watches.open(D, 1, sink);
    assertThat(List.of(sink.next(), sink.next())).containsExactly(2L, 3L);
    append(1);
    assertThat(sink.next()).isEqualTo(4L);
    store.deleteDomain(D, Fence.NONE);
    assertThat(sink.end.get(10, TimeUnit.SECONDS)).isEqualTo("completed");
    assertThat(watches.openWatches()).isZero();
  }

  @Test
  void holdsBackWhileTheReceiverIsNotReadyAndResumesOnWake() throws Exception {
    createDomain();
    var sink = new Sink();
    sink.ready = false;
    var watch = watches.open(D, 0, sink);
    append(2);
    sink.ready = true;
    watch.wake();
    assertThat(List.of(sink.next(), sink.next())).containsExactly(1L, 2L);
  }

  @Test
  void aClosedWatchHearsNothingMoreAndCloseAbortsOpenOnes() throws Exception {
    createDomain();
    var closed = new Sink();
    watches.open(D, 0, closed).close();
    var open = new Sink();
    watches.open(D, 0, open);
    append(1);
    assertThat(open.next()).isEqualTo(1L);
    assertThat(closed.sent).isEmpty();
    watches.close();
    assertThat(open.end.get(10, TimeUnit.SECONDS)).startsWith("aborted: the server is stopping");
  }
}
