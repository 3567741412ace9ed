package org.epum.client;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import org.epum.proto.v1.*;

/**
 * A fake EpuManagement: records each request and answers as {@link FakeReplies} is told.
 *
 * <p>watchDomain answers with a {@code List<DomainEvent>} (sent, then completed), a Status, or
 * {@link #HOLD_OPEN}: the stream stays open and is handed to the test through {@link
 * #openWatches()}.
 */
public final class FakeEpuManagement extends EpuManagementGrpc.EpuManagementImplBase {
  /** A watchDomain answer that leaves the stream open for the test to drive. */
  public static final Object HOLD_OPEN = new Object();

  /** An open watch: the server's side of the stream and a latch released when it is cancelled. */
  public record OpenWatch(ServerCallStreamObserver<DomainEvent> stream, CountDownLatch cancelled) {}

  private final FakeReplies replies;
  private final BlockingQueue<OpenWatch> openWatches = new LinkedBlockingQueue<>();

  FakeEpuManagement(FakeReplies replies) {
    this.replies = replies;
  }

  public BlockingQueue<OpenWatch> openWatches() {
    return openWatches;
  }

  @Override
  public void createDefinition(CreateDefinitionRequest request, StreamObserver<Definition> out) {
    replies.unary("createDefinition", request, out);
  }

  @Override
  public void updateDefinition(UpdateDefinitionRequest request, StreamObserver<Definition> out) {
    replies.unary("updateDefinition", request, out);
  }

  @Override
  public void describeDefinition(DescribeDefinitionRequest request, StreamObserver<Definition> out) {
    replies.unary("describeDefinition", request, out);
  }

  @Override
  public void listDefinitions(ListDefinitionsRequest request, StreamObserver<ListDefinitionsResponse> out) {
    replies.unary("listDefinitions", request, out);
  }

  @Override
  public void removeDefinition(RemoveDefinitionRequest request, StreamObserver<RemoveDefinitionResponse> out) {
    replies.unary("removeDefinition", request, out);
  }

  @Override
  public void addDomain(AddDomainRequest request, StreamObserver<Domain> out) {
    replies.unary("addDomain", request, out);
  }

  @Override
  public void describeDomain(DescribeDomainRequest request, StreamObserver<Domain> out) {
    replies.unary("describeDomain", request, out);
  }

  @Override
  public void listDomains(ListDomainsRequest request, StreamObserver<ListDomainsResponse> out) {
    replies.unary("listDomains", request, out);
  }

  @Override
  public void reconfigureDomain(ReconfigureDomainRequest request, StreamObserver<Domain> out) {
    replies.unary("reconfigureDomain", request, out);
  }

  @Override
  public void removeDomain(RemoveDomainRequest request, StreamObserver<Domain> out) {
    replies.unary("removeDomain", request, out);
  }

  @Override
  public void subscribeDomain(SubscribeDomainRequest request, StreamObserver<SubscribeDomainResponse> out) {
    replies.unary("subscribeDomain", request, out);
  }

  @Override
  public void unsubscribeDomain(UnsubscribeDomainRequest request, StreamObserver<UnsubscribeDomainResponse> out) {
    replies.unary("unsubscribeDomain", request, out);
  }

  @Override
  public void listDomainEvents(ListDomainEventsRequest request, StreamObserver<ListDomainEventsResponse> out) {
    replies.unary("listDomainEvents", request, out);
  }

  @Override
  public void planDomain(PlanDomainRequest request, StreamObserver<PlanDomainResponse> out) {
    replies.unary("planDomain", request, out);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void watchDomain(WatchDomainRequest request, StreamObserver<DomainEvent> out) {
    Object answer = replies.answerFor("watchDomain", request);
    if (answer == HOLD_OPEN) {
      var stream = (ServerCallStreamObserver<DomainEvent>) out;
      CountDownLatch cancelled = new CountDownLatch(1);
      stream.setOnCancelHandler(cancelled::countDown);
      openWatches.add(new OpenWatch(stream, cancelled));
    } else if (answer instanceof Status status) {
      out.onError(status.asRuntimeException());
    } else {
      ((List<DomainEvent>) answer).forEach(out::onNext);
      out.onCompleted();
    }
  }
}
