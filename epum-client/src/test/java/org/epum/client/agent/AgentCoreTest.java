package org.epum.client.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.epum.proto.v1.FailedProcess;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.HeartbeatRequest;
import org.junit.jupiter.api.Test;

class AgentCoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final FakeScheduler scheduler = new FakeScheduler();
  private final List<HeartbeatRequest> sent = new CopyOnWriteArrayList<>();
  private final List<FailedProcess> failed = new CopyOnWriteArrayList<>();
  private final HeartbeatSender sender = new HeartbeatSender() {
    @Override
    public void send(HeartbeatRequest hb) {
      sent.add(hb);
    }

    @Override
    public void close() {}
  };

  private AgentCore core(MetricsReader metrics) {
    return new AgentCore("node-1", Duration.ofSeconds(10), sender, () -> List.copyOf(failed), metrics,
        Clock.fixed(T0, ZoneOffset.UTC), scheduler);
  }

  @Test
  void sendsOkHeartbeatsEveryIntervalWithItsAddressAndMetrics() {
    AgentCore core = core(new MetricsReader("", Duration.ofSeconds(1), () -> 0.5));
    core.advertise("10.0.0.1:7660");
    core.start();
    scheduler.runDue();
    assertThat(sent).hasSize(1);
    scheduler.forwardTime(Duration.ofSeconds(9));
    assertThat(sent).hasSize(1);
    scheduler.forwardTime(Duration.ofSeconds(21));
    assertThat(sent).hasSize(4);
    HeartbeatRequest hb = sent.get(0);
    assertThat(hb.getNodeId()).isEqualTo("node-1");
    assertThat(hb.getState()).isEqualTo(HealthState.HEALTH_STATE_OK);
    assertThat(hb.getAgentAddress()).isEqualTo("10.0.0.1:7660");
    assertThat(hb.getMetricsMap()).containsEntry("load", 0.5);
    assertThat(hb.getTimestamp().getSeconds()).isEqualTo(T0.getEpochSecond());
    assertThat(core.sent()).isEqualTo(4);
  }

  @Test
  void failedProcessesMakeItProcessError() {
    AgentCore core = core(new MetricsReader(null, Duration.ofSeconds(1), () -> -1));
    core.start();
    scheduler.runDue();
    failed.add(FailedProcess.newBuilder().setName("worker").setExitCode(3).setStderr("boom")
        .setStopTimestamp(T0.getEpochSecond() + 5).build());
    core.beatNow();
    scheduler.runDue();
    HeartbeatRequest hb = sent.get(sent.size() - 1);
    assertThat(hb.getState()).isEqualTo(HealthState.HEALTH_STATE_PROCESS_ERROR);
    assertThat(hb.getFailedProcessesList()).extracting(FailedProcess::getName).containsExactly("worker");
    assertThat(hb.getError()).contains("worker").contains("3");
    assertThat(hb.getErrorTime().getSeconds()).isEqualTo(T0.getEpochSecond() + 5);
    assertThat(hb.getMetricsMap()).isEmpty();
  }

  @Test
  void aFailingSendDoesNotStopTheHeartbeats() {
    int[] calls = {0};
    AgentCore core = new AgentCore("n", Duration.ofSeconds(1), new HeartbeatSender() {
      @Override
      public void send(HeartbeatRequest hb) {
        calls[0]++;
        throw new IllegalStateException("boom");
      }

      @Override
      public void close() {}
    }, List::of, new MetricsReader(null, Duration.ofSeconds(1), () -> -1), Clock.systemUTC(), scheduler);
    core.start();
    scheduler.forwardTime(Duration.ofSeconds(3));
    assertThat(calls[0]).isEqualTo(4);
    core.close();
    scheduler.forwardTime(Duration.ofSeconds(3));
    assertThat(calls[0]).isEqualTo(4);
  }
}
