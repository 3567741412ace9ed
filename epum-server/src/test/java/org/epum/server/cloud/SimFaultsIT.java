package org.epum.server.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.struct;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.epum.client.cli.ClientFactory;
import org.epum.client.cli.Epumctl;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.Domain;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.RunDeciderRequest;
import org.epum.server.testing.RunningServer;
import org.epum.server.testing.TestServers;
import org.epum.server.testing.Waits;
import org.epum.server.testing.ZooKeeperITBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection through {@code epumctl sim ...} and the DTRS through {@code epumctl dtrs ...},
 * against a server with the embedded provisioner: a killed instance is replaced, a failing site
 * fails launches, an agent's process error reaches the instance's health, a silenced agent stops.
 */
class SimFaultsIT extends ZooKeeperITBase {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static int roots;
  @TempDir
  Path dtrsDir;
  private RunningServer server;

  @BeforeEach
  void start() throws IOException {
    Files.writeString(dtrsDir.resolve("dtrs.yaml"), """
        sites: {ec2-east: {driver: sim}, ec2-west: {driver: sim}}
        deployable_types: {worker: {description: a worker, sites: {ec2-east: {image: img-1}, ec2-west: {}}}}
        """);
    server = RunningServer.start(TestServers.zooKeeperConfig(zookeeper.getConnectString(), "/epum-faults-" + (++roots),
        "dtrs: {dir: \"" + dtrsDir + "\"}\n"
            + "sim: {request_delay: 10ms, boot_time_min: 10ms, boot_time_max: 20ms, start_delay: 10ms,"
            + " terminate_delay: 10ms, heartbeat_interval: 50ms}\n"));
    server.stubs().management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("simple")
        .setConfig(struct("{\"general\": {\"engine_class\": \"simplest\"}, \"health\": {\"monitor_health\": true},"
            + " \"engine_conf\": {\"epuworker_type\": \"worker\", \"force_site\": \"ec2-east\"}}")).build());
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.close();
  }

  @Test
  void aKilledInstanceIsReplacedAndAProcessErrorReachesItsHealth() {
    addDomain("web", 1);
    String first = awaitOneRunningAndOk("web").getInstanceId();

    assertThat(epumctl("sim", "process-error", first, "--message", "worker crashed").exit).isZero();
    awaitDomain("web", d -> instance(d, first).getHealth() == HealthState.HEALTH_STATE_PROCESS_ERROR);
    assertThat(epumctl("sim", "process-error", first, "--off").exit).isZero();
    awaitDomain("web", d -> instance(d, first).getHealth() == HealthState.HEALTH_STATE_OK);

    Cli killed = epumctl("sim", "kill", first);
    assertThat(killed.exit).isZero();
    assertThat(killed.out).contains("killed " + first);
    awaitDomain("web", d -> instance(d, first).getState() == InstanceState.INSTANCE_STATE_FAILED);
    decide();
    Instance replacement = awaitOneRunningAndOk("web");
    assertThat(replacement.getInstanceId()).isNotEqualTo(first);

    assertThat(epumctl("sim", "kill", first).exit).as("already failed: failed precondition").isEqualTo(9);
    assertThat(epumctl("sim", "kill", "nobody").exit).as("unknown: not found").isEqualTo(3);
  }

  @Test
  void aFailingSiteFailsLaunchesUntilHealed() {
    assertThat(epumctl("sim", "fail-site", "ec2-east").exit).isZero();
    addDomain("web", 1);
    Domain failed = awaitDomain("web", d -> d.getInstancesCount() == 1
        && d.getInstances(0).getState() == InstanceState.INSTANCE_STATE_FAILED);
    assertThat(failed.getInstances(0).getPropertiesMap().toString() + failed.getInstances(0))
        .contains("failing");
    assertThat(epumctl("sim", "fail-site", "ec2-east", "--off").exit).isZero();
    decide();
    awaitOneRunningAndOk("web");
    assertThat(epumctl("sim", "fail-site", "mars").exit).isEqualTo(3);
  }

  @Test
  void dtrsListAndDescribe() {
    Cli list = epumctl("dtrs", "list");
    assertThat(list.exit).isZero();
    assertThat(list.out).contains("worker").contains("ec2-east").contains("ec2-west");
    Cli type = epumctl("dtrs", "describe", "type", "worker", "-o", "json");
    assertThat(type.exit).isZero();
    assertThat(type.out).contains("img-1").contains("a worker");
    assertThat(epumctl("dtrs", "describe", "site", "ec2-east").out).contains("sim");
    assertThat(epumctl("dtrs", "describe", "type", "ghost").exit).isEqualTo(3);
  }

  private Instance awaitOneRunningAndOk(String domain) {
    decide();
    Domain d = awaitDomain(domain, x -> x.getInstancesList().stream().anyMatch(SimFaultsIT::runningAndOk));
    return d.getInstancesList().stream().filter(SimFaultsIT::runningAndOk).findFirst().orElseThrow();
  }

  private static boolean runningAndOk(Instance i) {
    return i.getState() == InstanceState.INSTANCE_STATE_RUNNING && i.getHealth() == HealthState.HEALTH_STATE_OK;
  }

  private static Instance instance(Domain d, String id) {
    return d.getInstancesList().stream().filter(i -> i.getInstanceId().equals(id)).findFirst().orElseThrow();
  }

  private void addDomain(String id, int n) {
    server.stubs().management().addDomain(AddDomainRequest.newBuilder().setDomainId(id).setDefinitionId("simple")
        .setConfig(struct("{\"engine_conf\": {\"preserve_n\": " + n + "}}")).build());
    decide();
  }

  private void decide() {
    server.stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance());
  }

  private Domain awaitDomain(String id, java.util.function.Predicate<Domain> ok) {
    return Waits.until("domain " + id, BOUND,
        () -> server.stubs().management().describeDomain(DescribeDomainRequest.newBuilder().setDomainId(id).build()),
        ok);
  }

  private record Cli(int exit, String out) {}

  private Cli epumctl(String... args) {
    var cmd = Epumctl.newCommandLine(ClientFactory.forChannel(server.channel()), Map.of());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new Cli(exit, out + err.toString());
  }
}
