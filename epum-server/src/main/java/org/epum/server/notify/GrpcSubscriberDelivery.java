package org.epum.server.notify;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.epum.core.notify.Notification;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.NodeStateRequest;
import org.epum.proto.v1.NodeStateResponse;
import org.epum.proto.v1.SubscriberGrpc;

/**
 * Calls {@code Subscriber.NodeState} asynchronously with a deadline, one channel per endpoint
 * (kept, bounded, and shut down in {@link #close()}).
 */
public final class GrpcSubscriberDelivery implements SubscriberDelivery, AutoCloseable {
  private static final int MAX_CHANNELS = 1024;

  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  @Override
  public void send(Notification n, Duration deadline, Consumer<Throwable> done) {
    ManagedChannel channel;
    try {
      channel = channel(n.subscriber().endpoint());
    } catch (RuntimeException e) {
      done.accept(e);
      return;
    }
    // The root context: the delivery must not inherit (and be cancelled with) the report call that caused it.
    Context.ROOT.run(() -> SubscriberGrpc.newStub(channel).withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
        .nodeState(request(n), new StreamObserver<>() {
          @Override
          public void onNext(NodeStateResponse value) {}

          @Override
          public void onError(Throwable t) {
            done.accept(t);
          }

          @Override
          public void onCompleted() {
            done.accept(null);
          }
        }));
  }

  static NodeStateRequest request(Notification n) {
    return NodeStateRequest.newBuilder().setNodeId(n.nodeId()).setDomainId(n.domain().domainId())
        .setOwner(n.domain().owner()).setState(InstanceState.forNumber(n.state().code()))
        .setStateLabel(n.state().label()).putAllProperties(n.properties())
        .setSubscriberName(n.subscriber().name()).build();
  }

  private ManagedChannel channel(String endpoint) {
    if (channels.size() >= MAX_CHANNELS && !channels.containsKey(endpoint)) {
      channels.values().forEach(ManagedChannel::shutdown);
      channels.clear();
    }
    return channels.computeIfAbsent(endpoint, e -> NettyChannelBuilder.forTarget(e).usePlaintext().build());
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    channels.clear();
  }
}
