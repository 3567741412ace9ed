package org.epum.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.struct;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.GetServerStatusRequest;
import org.epum.server.testing.RunningServer;
import org.epum.server.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default really embeds ZooKeeper, and what it stores survives a restart. */
class EmbeddedServerIT {
  @TempDir
  Path dataDir;

  @Test
  void domainsSurviveARestartOfTheEmbeddedServer() throws Exception {
    String yaml = """
        server: {listen: "127.0.0.1:0"}
        store: {type: embedded}
        embedded_zookeeper: {data_dir: "%s", listen: "127.0.0.1:%d"}
        """.formatted(dataDir, freePort());
    try (RunningServer first = RunningServer.start(TestServers.load(yaml))) {
      assertThat(first.stubs().admin().getServerStatus(GetServerStatusRequest.getDefaultInstance()).getStore())
          .isEqualTo("embedded");
      first.stubs().management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("def")
          .setConfig(struct("{\"general\": {\"engine_class\": \"simplest\"}}")).build());
      first.stubs().management().addDomain(AddDomainRequest.newBuilder().setDomainId("kept").setDefinitionId("def")
          .setConfig(struct("{\"engine_conf\": {\"preserve_n\": 2}}")).build());
    }
    try (RunningServer second = RunningServer.start(TestServers.load(yaml))) {
      var domain = second.stubs().management().describeDomain(DescribeDomainRequest.newBuilder()
          .setDomainId("kept").build());
      assertThat(domain.getOwner()).isEqualTo("default");
      assertThat(domain.getConfig().getFieldsOrThrow("engine_conf")).isEqualTo(
          struct("{\"e\": {\"preserve_n\": 2}}").getFieldsOrThrow("e"));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
