package org.epum.server.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.struct;

import java.net.ServerSocket;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.RunDeciderRequest;
import org.epum.server.testing.RunningServer;
import org.epum.server.testing.TestServers;
import org.epum.server.testing.Waits;
import org.epum.server.tools.ProvisionerMain;
import org.junit.jupiter.api.Test;

/**
 * scripts/epum-provisioner's code: the sim Provisioner in its own gRPC server, with EPUM pointed
 * at it by provisioner.endpoint; it pushes states over gRPC and its agents heartbeat to EPUM.
 */
class StandaloneProvisionerIT {
  @Test
  void aServerWithAnExternalSimProvisionerReachesRunning() throws Exception {
    int epumPort;
    try (ServerSocket s = new ServerSocket(0)) {
      epumPort = s.getLocalPort();
    }
    var simOnly = TestServers.load("""
        sim: {request_delay: 10ms, boot_time_min: 10ms, boot_time_max: 20ms, start_delay: 10ms,
              terminate_delay: 10ms, heartbeat_interval: 50ms}
        dtrs: {embedded: false}
        """);
    try (TestingServer zookeeper = new TestingServer(true);
        ProvisionerMain.Running provisioner = ProvisionerMain.start("127.0.0.1:0", "127.0.0.1:" + epumPort, simOnly,
            zookeeper.getConnectString(), "")) {
      var config = TestServers.load("""
          server: {listen: "127.0.0.1:%d", replica_name: test}
          store: {type: zookeeper}
          zookeeper: {connect: "%s", root: /epum-standalone, session_timeout: 4s, connection_timeout: 2s}
          epum: {external_decide: true}
          provisioner: {endpoint: "127.0.0.1:%d"}
          """.formatted(epumPort, zookeeper.getConnectString(), provisioner.port()));
      try (RunningServer server = RunningServer.start(config)) {
        var m = server.stubs().management();
        m.createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("simple").setConfig(struct(
            "{\"general\": {\"engine_class\": \"simplest\"}, \"health\": {\"monitor_health\": true}}")).build());
        m.addDomain(AddDomainRequest.newBuilder().setDomainId("web").setDefinitionId("simple")
            .setConfig(struct("{\"engine_conf\": {\"preserve_n\": 2}}")).build());
        server.stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance());
        var domain = Waits.until("2 RUNNING and OK", Duration.ofSeconds(20),
            () -> m.describeDomain(DescribeDomainRequest.newBuilder().setDomainId("web").build()),
            d -> d.getInstancesList().stream().filter(i -> i.getState() == InstanceState.INSTANCE_STATE_RUNNING
                && i.getHealth() == HealthState.HEALTH_STATE_OK).count() == 2);
        assertThat(domain.getInstancesList()).allSatisfy(i -> assertThat(i.getIaasId()).startsWith("sim-"));
      }
    }
  }
}
