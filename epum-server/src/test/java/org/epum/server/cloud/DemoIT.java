package org.epum.server.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.epum.server.testing.RunningServer;
import org.epum.server.testing.TestServers;
import org.epum.server.tools.DemoMain;
import org.junit.jupiter.api.Test;

/**
 * scripts/demo as an integration test: the whole tour against a server wired like the embedded
 * default (timed decider and doctor, embedded provisioner with the sim driver), with fast timers.
 */
class DemoIT {
  @Test
  void theTourHappensStepByStep() throws Exception {
    try (TestingServer zookeeper = new TestingServer(true)) {
      var config = TestServers.load("""
          server: {listen: "127.0.0.1:0", replica_name: demo}
          store: {type: zookeeper}
          zookeeper: {connect: "%s", root: /epum-demo, session_timeout: 4s, connection_timeout: 2s}
          decider: {interval: 200ms, retry_interval: 1s}
          doctor: {interval: 500ms}
          sim: {request_delay: 20ms, boot_time_min: 50ms, boot_time_max: 150ms, start_delay: 20ms,
                terminate_delay: 20ms, heartbeat_interval: 200ms}
          """.formatted(zookeeper.getConnectString()));
      try (RunningServer server = RunningServer.start(config)) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = DemoMain.run(server.target(), Duration.ofSeconds(60), "demo",
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("3 RUNNING and OK").contains("overflows to ec2-west")
            .contains("all domains removed");
      }
    }
  }
}
