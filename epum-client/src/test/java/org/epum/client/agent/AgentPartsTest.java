package org.epum.client.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The agent's small parts: metrics parsing, supervision, stderr tails, flags. */
class AgentPartsTest {
  @Test
  void metricsLinesParseAndBadOnesAreSkipped() {
    assertThat(MetricsReader.parse("queue 12\n# comment\n\nbad line here\nrate x\nlat 0.25\nnan NaN\n"))
        .containsExactly(java.util.Map.entry("queue", 12.0), java.util.Map.entry("lat", 0.25));
  }

  @Test
  void metricsCommandOutputIsRead() {
    var metrics = new MetricsReader("echo 'queue 7'; echo 'depth 2.5'", Duration.ofSeconds(10), () -> 1.5).read();
    assertThat(metrics).containsEntry("load", 1.5).containsEntry("queue", 7.0).containsEntry("depth", 2.5);
    assertThat(new MetricsReader("exit 4", Duration.ofSeconds(10), () -> -1).read()).isEmpty();
  }

  @Test
  void supervisorRecordsANonZeroExitWithItsStderrTail() throws Exception {
    CountDownLatch failed = new CountDownLatch(1);
    try (Supervisor s = new Supervisor(List.of(SupervisedCommand.parse("ok=exit 0"),
        SupervisedCommand.parse("bad=echo oh no >&2; exit 3")), Clock.systemUTC(), failed::countDown)) {
      s.start();
      assertThat(failed.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(s.failures()).singleElement().satisfies(p -> {
        assertThat(p.getName()).isEqualTo("bad");
        assertThat(p.getExitCode()).isEqualTo(3);
        assertThat(p.getStderr()).isEqualTo("oh no\n");
        assertThat(p.getState()).isEqualTo(Supervisor.STATE_EXITED);
        assertThat(p.getStopTimestamp()).isPositive();
      });
    }
  }

  @Test
  void stderrTailKeepsTheLastBytes() {
    String big = "a".repeat(5000) + "THE END";
    String tail = Supervisor.tail(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)));
    assertThat(tail).hasSize(Supervisor.STDERR_TAIL_BYTES).endsWith("THE END");
  }

  @Test
  void superviseSpecNeedsANameAndACommand() {
    assertThat(SupervisedCommand.parse("w=sleep 1; exit 2")).isEqualTo(new SupervisedCommand("w", "sleep 1; exit 2"));
    assertThatThrownBy(() -> SupervisedCommand.parse("=x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SupervisedCommand.parse("x=")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void flagsFallBackToTheEnvironment() {
    var cmd = EpumAgentMain.newCommandLine(java.util.Map.of("EPUM_NODE_ID", "n-1", "EPUM_HEARTBEAT_DEST", "h:1",
        "EPUM_HEARTBEAT_INTERVAL", "2.5"), new CountDownLatch(0));
    cmd.parseArgs("--supervise", "w=run it", "--listen", "127.0.0.1:0");
    AgentSettings s = ((EpumAgentMain) cmd.getCommand()).settings();
    assertThat(s.nodeId()).isEqualTo("n-1");
    assertThat(s.heartbeatDest()).isEqualTo("h:1");
    assertThat(s.interval()).isEqualTo(Duration.ofMillis(2500));
    assertThat(s.supervise()).containsExactly(new SupervisedCommand("w", "run it"));
    assertThat(s.transport()).isEqualTo(AgentSettings.Transport.STREAM);
  }

  @Test
  void missingNodeIdIsAUsageError() {
    var err = new java.io.StringWriter();
    var cmd = EpumAgentMain.newCommandLine(java.util.Map.of(), new CountDownLatch(0));
    cmd.setErr(new java.io.PrintWriter(err));
    assertThat(cmd.execute("--heartbeat-dest", "h:1")).isEqualTo(2);
    assertThat(err.toString()).contains("--node-id");
  }
}
