package org.epum.client.agent;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.epum.proto.v1.FailedProcess;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.HeartbeatRequest;

/**
 * The agent's heart: every interval (and whenever asked, e.g. by a DumpState probe or a failed
 * process) it builds a heartbeat from the supervised processes and the metrics and sends it.
 * OK while no supervised process has failed; PROCESS_ERROR with the failed processes after.
 *
 * <p>Threads: every heartbeat is built and sent on the given scheduler, which the caller owns
 * (creates and shuts down); give it one thread so heartbeats never overlap. {@link #beatNow()} may
 * be called from any thread and does not block. Time comes from the injected clock, so a test
 * drives it with a manual clock and a fake scheduler.
 */
public final class AgentCore implements AutoCloseable {
  private static final System.Logger log = System.getLogger(AgentCore.class.getName());

  private final String nodeId;
  private final Duration interval;
  private final HeartbeatSender sender;
  private final Supplier<List<FailedProcess>> failures;
  private final MetricsReader metrics;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final AtomicLong sent = new AtomicLong();
  private volatile String agentAddress = "";
  private ScheduledFuture<?> beats;

  /**
   * @param failures the supervised processes that failed so far (e.g. {@link Supervisor#failures})
   */
  public AgentCore(String nodeId, Duration interval, HeartbeatSender sender, Supplier<List<FailedProcess>> failures,
      MetricsReader metrics, Clock clock, ScheduledExecutorService scheduler) {
    this.nodeId = requireNonNull(nodeId, "nodeId");
    if (nodeId.isBlank()) {
      throw new IllegalArgumentException("the node id is required (the node_id EPUM gave in the launch vars)");
    }
    this.interval = requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the heartbeat interval must be > 0, got " + interval);
    }
    this.sender = requireNonNull(sender);
    this.failures = requireNonNull(failures);
    this.metrics = requireNonNull(metrics);
    this.clock = requireNonNull(clock);
    this.scheduler = requireNonNull(scheduler);
  }

  public String nodeId() {
    return nodeId;
  }

  /** The host:port of this agent's Agent service, sent in every heartbeat for the doctor's probe. */
  public void advertise(String address) {
    agentAddress = requireNonNull(address);
  }

  /** Sends the first heartbeat now, then one every interval. */
  public synchronized void start() {
    if (beats != null) {
      throw new IllegalStateException("already started");
    }
    beats = scheduler.scheduleAtFixedRate(this::beat, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Queues a heartbeat now, besides the periodic ones. */
  public void beatNow() {
    scheduler.execute(this::beat);
  }

  /** How many heartbeats were handed to the sender. */
  public long sent() {
    return sent.get();
  }

  /** Stops the periodic heartbeats; the scheduler and the sender belong to the caller. */
  @Override
  public synchronized void close() {
    if (beats != null) {
      beats.cancel(false);
    }
  }

  /** The heartbeat as it would be sent now. */
  public HeartbeatRequest heartbeat() {
    List<FailedProcess> failed = failures.get();
    Instant now = clock.instant();
    HeartbeatRequest.Builder b = HeartbeatRequest.newBuilder().setNodeId(nodeId)
        .setState(failed.isEmpty() ? HealthState.HEALTH_STATE_OK : HealthState.HEALTH_STATE_PROCESS_ERROR)
        .putAllMetrics(metrics.read()).setAgentAddress(agentAddress).setTimestamp(timestamp(now));
    if (!failed.isEmpty()) {
      b.addAllFailedProcesses(failed).setErrorTime(Timestamp.newBuilder()
          .setSeconds(failed.get(0).getStopTimestamp())).setError(describe(failed));
    }
    return b.build();
  }

  private void beat() {
    try {
      sender.send(heartbeat());
      sent.incrementAndGet();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: log, and let the next interval try.
      log.log(System.Logger.Level.ERROR, "heartbeat failed", e);
    }
  }

  private static String describe(List<FailedProcess> failed) {
    StringBuilder s = new StringBuilder();
    for (FailedProcess p : failed) {
      s.append(s.length() == 0 ? "" : "; ").append("process ").append(p.getName()).append(" exited with code ")
          .append(p.getExitCode());
    }
    return s.toString();
  }

  private static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }
}
