package org.epum.server.cloud.sim;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.HeartbeatRequest;
import org.epum.proto.v1.HeartbeatResponse;
import org.epum.proto.v1.HeartbeatsGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated agent per RUNNING node: every heartbeat interval it sends a heartbeat (OK, or
 * PROCESS_ERROR when told to) to the node's heartbeat_dest with the load curve's current value as
 * its metric. Sends are asynchronous, so a slow EPUM never holds up the scheduler. Owns its
 * channels (closed by {@link #close}); the scheduler belongs to whoever created it.
 */
public final class SimAgents {
  private static final Logger log = LoggerFactory.getLogger(SimAgents.class);
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Duration interval;
  private final String metric;
  private final String token;
  private final UnaryOperator<String> targets;
  private final Instant origin;
  private final Map<String, ScheduledFuture<?>> running = new ConcurrentHashMap<>();
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final Set<String> silenced = ConcurrentHashMap.newKeySet();
  private final Map<String, String> processErrors = new ConcurrentHashMap<>();
  private volatile Double loadOverride;

  /**
   * @param targets maps a heartbeat_dest to the address to dial (the embedded server's real port
   *     when it listens on port 0)
   */
  public SimAgents(ScheduledExecutorService scheduler, Clock clock, Duration interval, String metric, String token,
      UnaryOperator<String> targets) {
    this.scheduler = requireNonNull(scheduler);
    this.clock = requireNonNull(clock);
    this.interval = requireNonNull(interval);
    this.metric = requireNonNull(metric);
    this.token = requireNonNull(token);
    this.targets = requireNonNull(targets);
    this.origin = clock.instant();
  }

  /** Starts the node's agent (no-op if it runs already or the node has no heartbeat_dest). */
  public void start(String nodeId, String heartbeatDest, LoadCurve curve) {
    if (heartbeatDest.isEmpty() || running.containsKey(nodeId)) {
      return;
    }
    running.computeIfAbsent(nodeId, id -> scheduler.scheduleWithFixedDelay(() -> beat(id, heartbeatDest, curve), 0,
        interval.toMillis(), TimeUnit.MILLISECONDS));
  }

  public void stop(String nodeId) {
    ScheduledFuture<?> f = running.remove(nodeId);
    if (f != null) {
      f.cancel(false);
    }
    silenced.remove(nodeId);
    processErrors.remove(nodeId);
  }

  /** The agent stops sending heartbeats (the node keeps running), or resumes. */
  public void silence(String nodeId, boolean silent) {
    if (silent) {
      silenced.add(nodeId);
    } else {
      silenced.remove(nodeId);
    }
  }

  /** The agent reports PROCESS_ERROR with this message from now on; null makes it report OK again. */
  public void processError(String nodeId, String message) {
    if (message == null) {
      processErrors.remove(nodeId);
    } else {
      processErrors.put(nodeId, message);
    }
  }

  /** Every agent reports this load instead of its curve; null returns to the curves. */
  public void overrideLoad(Double load) {
    loadOverride = load;
  }

  public boolean isRunning(String nodeId) {
    return running.containsKey(nodeId);
  }

  public void close() {
    running.values().forEach(f -> f.cancel(false));
    running.clear();
    channels.values().forEach(ManagedChannel::shutdownNow);
    channels.clear();
  }

  private void beat(String nodeId, String dest, LoadCurve curve) {
    if (silenced.contains(nodeId)) {
      return;
    }
    String target = targets.apply(dest);
    if (target == null) {
      return; // the destination is not up yet
    }
    Instant now = clock.instant();
    var req = HeartbeatRequest.newBuilder().setNodeId(nodeId).setState(HealthState.HEALTH_STATE_OK)
        .putMetrics(metric, loadOverride != null ? loadOverride : curve.at(Duration.between(origin, now)))
        .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()));
    String error = processErrors.get(nodeId);
    if (error != null) {
      req.setState(HealthState.HEALTH_STATE_PROCESS_ERROR).setError(error)
          .addFailedProcesses(org.epum.proto.v1.FailedProcess.newBuilder().setName("sim-worker").setExitCode(1)
              .setStderr(error));
    }
    var stub = HeartbeatsGrpc.newStub(channel(target)).withDeadlineAfter(interval.toMillis() + 5_000,
        TimeUnit.MILLISECONDS);
    if (!token.isEmpty()) {
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, "Bearer " + token);
      stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    stub.heartbeat(req.build(), new StreamObserver<HeartbeatResponse>() {
      @Override
      public void onNext(HeartbeatResponse value) {}

      @Override
      public void onError(Throwable t) {
        log.debug("instance={} heartbeat to {} failed: {}", nodeId, target, t.toString());
      }

      @Override
      public void onCompleted() {}
    });
  }

  private ManagedChannel channel(String target) {
    return channels.computeIfAbsent(target, t -> NettyChannelBuilder.forTarget(t).usePlaintext().build());
  }
}
