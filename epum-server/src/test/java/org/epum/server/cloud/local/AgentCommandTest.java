package org.epum.server.cloud.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.epum.server.config.LocalConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCommandTest {
  @TempDir Path dir;

  private LocalConfig config(String classpath, String logDir) {
    return new LocalConfig("/usr/bin/java", List.of("-Xmx64m"), classpath, List.of("--interval", "2"),
        Duration.ofSeconds(1), Duration.ofSeconds(5), logDir, 20, "tok");
  }

  @Test
  void theAgentGetsItsIdAndDestAsFlagsAndEveryVarInItsEnvironment() throws IOException {
    var vars = Struct.newBuilder().putFields("node_id", Value.newBuilder().setStringValue("i-1").build())
        .putFields("chef-role", Value.newBuilder().setStringValue("web").build())
        .putFields("replicas", Value.newBuilder().setNumberValue(3).build()).build();
    var builder = new AgentCommand(config("cp", dir.toString())).builder("i-1", "127.0.0.1:7650", vars);
    assertThat(builder.command()).containsExactly("/usr/bin/java", "-Xmx64m", "-cp", "cp", AgentCommand.MAIN,
        "--node-id", "i-1", "--heartbeat-dest", "127.0.0.1:7650", "--interval", "2");
    assertThat(builder.environment()).containsEntry("EPUM_NODE_ID", "i-1")
        .containsEntry("EPUM_HEARTBEAT_DEST", "127.0.0.1:7650").containsEntry("EPUM_TOKEN", "tok")
        .containsEntry("EPUM_VAR_NODE_ID", "i-1").containsEntry("EPUM_VAR_CHEF_ROLE", "web")
        .containsEntry("EPUM_VAR_REPLICAS", "3.0");
    assertThat(builder.redirectOutput().file()).isEqualTo(dir.resolve("i-1.log").toFile());
  }

  @Test
  void aMissingAgentJarFailsTheLaunchWithHowToBuildIt() {
    var command = new AgentCommand(config(dir.resolve("nope.jar").toString(), ""));
    assertThatThrownBy(() -> command.start("i-1", "127.0.0.1:1", Struct.getDefaultInstance()))
        .isInstanceOf(IOException.class).hasMessageContaining("mvn -pl epum-client -am package");
  }
}
