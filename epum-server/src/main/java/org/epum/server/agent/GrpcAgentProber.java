package org.epum.server.agent;

import com.google.common.util.concurrent.AbstractIdleService;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.epum.core.doctor.AgentProber;
import org.epum.proto.v1.AgentDumpStateRequest;
import org.epum.proto.v1.AgentDumpStateResponse;
import org.epum.proto.v1.AgentGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes agents with Agent.DumpState, asynchronously and with a deadline, so a dead or hanging
 * agent never holds up the doctor. The agent's answer comes back as a heartbeat. Channels are
 * kept per address and shut down when the service stops.
 */
public final class GrpcAgentProber extends AbstractIdleService implements AgentProber {
  private static final Logger log = LoggerFactory.getLogger(GrpcAgentProber.class);
  private static final Duration DEADLINE = Duration.ofSeconds(5);
  private static final int MAX_CHANNELS = 4096;

  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  @Override
  public void probe(String agentAddress, String nodeId) {
    if (channels.size() >= MAX_CHANNELS) {
      channels.values().forEach(ManagedChannel::shutdown);
      channels.clear();
    }
    ManagedChannel channel = channels.computeIfAbsent(agentAddress,
        a -> NettyChannelBuilder.forTarget(a).usePlaintext().build());
    // A forked context: when RunDoctor runs the pass, the probe must outlive that call's context,
    // whose cancellation on completion would otherwise cancel the probe in flight.
    Context.current().fork().run(() -> send(channel, agentAddress, nodeId));
  }

  private static void send(ManagedChannel channel, String agentAddress, String nodeId) {
    AgentGrpc.newStub(channel).withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .dumpState(AgentDumpStateRequest.newBuilder().setNodeId(nodeId).build(), new StreamObserver<>() {
          @Override
          public void onNext(AgentDumpStateResponse value) {}

          @Override
          public void onError(Throwable t) {
            log.info("probe of agent {} for instance {} failed: {}", agentAddress, nodeId, t.toString());
          }

          @Override
          public void onCompleted() {
            log.debug("agent {} answered the probe for instance {}", agentAddress, nodeId);
          }
        });
  }

  @Override
  protected void startUp() {}

  @Override
  protected void shutDown() throws InterruptedException {
    for (ManagedChannel c : channels.values()) {
      c.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
    }
    channels.clear();
  }
}
