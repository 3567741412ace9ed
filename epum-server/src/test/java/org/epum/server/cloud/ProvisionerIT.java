package org.epum.server.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.failsWith;
import static org.epum.server.testing.Protos.struct;

import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.DescribeNodesRequest;
import org.epum.proto.v1.Domain;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.NodeRecord;
import org.epum.proto.v1.ProvisionRequest;
import org.epum.proto.v1.ProvisionerGrpc;
import org.epum.proto.v1.RemoveDomainRequest;
import org.epum.proto.v1.RunDeciderRequest;
import org.epum.proto.v1.TerminateNodesRequest;
import org.epum.server.testing.RunningServer;
import org.epum.server.testing.TestServers;
import org.epum.server.testing.Waits;
import org.epum.server.testing.ZooKeeperITBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded Provisioner with the sim driver, wired as in production (no provisioner.endpoint),
 * over a real ZooKeeper: domains reach RUNNING on simulated instances whose agents heartbeat;
 * Provision is idempotent; stale epochs and bad input are refused and change nothing; the
 * provisioner's nodes survive a restart and converge without duplicate launches. The server runs in
 * external-decide mode (decider passes on demand); the sim runs on its own scheduler with tiny delays.
 */
class ProvisionerIT extends ZooKeeperITBase {
  private static final AtomicInteger ROOTS = new AtomicInteger();
  private static final Duration BOUND = Duration.ofSeconds(20);
  private RunningServer server;
  private String root;

  @BeforeEach
  void start() {
    root = "/epum-cloud-" + ROOTS.incrementAndGet();
    server = start(fastSim());
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  private RunningServer start(String simYaml) {
    return RunningServer.start(TestServers.zooKeeperConfig(zookeeper.getConnectString(), root, simYaml));
  }

  private static String fastSim() {
    return sim("10ms", "30ms");
  }

  private static String sim(String bootMin, String bootMax) {
    return """
        sim: {request_delay: 10ms, boot_time_min: %s, boot_time_max: %s, start_delay: 10ms, terminate_delay: 10ms,
              heartbeat_interval: 50ms, seed: 7, sites: {ec2-east: {capacity: 3}, ec2-west: {capacity: 10}}}
        """.formatted(bootMin, bootMax);
  }

  @Test
  void aDomainReachesRunningOnSimulatedInstancesThatHeartbeatAndRemovalTerminatesThem() {
    addDomain("web", 2, true);
    decide();
    Domain running = awaitDomain("web", d -> count(d, InstanceState.INSTANCE_STATE_RUNNING) == 2
        && d.getInstancesList().stream().allMatch(i -> i.getHealth() == HealthState.HEALTH_STATE_OK));
    assertThat(running.getInstancesList()).allSatisfy(i -> {
      assertThat(i.getIaasId()).startsWith("sim-");
      assertThat(i.getPublicIp()).isNotEmpty();
      assertThat(i.hasUpdateCounter()).isTrue();
    });
    decide();
    assertThat(nodes()).hasSize(2);
    provisioner().dumpState(org.epum.proto.v1.DumpStateRequest.newBuilder()
        .addInstanceIds(running.getInstances(0).getInstanceId()).addInstanceIds("unknown").build());
    assertThat(awaitDomain("web", x -> count(x, InstanceState.INSTANCE_STATE_RUNNING) == 2).getInstancesCount())
        .as("a re-pushed state changes nothing").isEqualTo(2);

    server.stubs().management().removeDomain(RemoveDomainRequest.newBuilder().setDomainId("web").build());
    decide();
    Waits.until("every node TERMINATED", BOUND,
        () -> nodes().stream().allMatch(n -> n.getState() == InstanceState.INSTANCE_STATE_TERMINATED));
    Waits.until("the domain is deleted", BOUND, () -> {
      decide();
      return server.stubs().management().listDomains(org.epum.proto.v1.ListDomainsRequest.getDefaultInstance())
          .getDomainIdsCount() == 0;
    });
  }

  @Test
  void provisionIsIdempotentOnInstanceIdAndRefusesStaleEpochs() {
    var req = launch("i-1", "ec2-east", 5);
    assertThat(provisioner().provision(req).getState()).isEqualTo(InstanceState.INSTANCE_STATE_REQUESTED);
    provisioner().provision(req);
    assertThat(nodes()).extracting(NodeRecord::getInstanceId).containsExactly("i-1");
    Waits.until("i-1 RUNNING", BOUND, () -> node("i-1").getState() == InstanceState.INSTANCE_STATE_RUNNING);
    assertThat(provisioner().provision(req).getState()).as("a repeat answers the current state")
        .isEqualTo(InstanceState.INSTANCE_STATE_RUNNING);
    long counter = node("i-1").getUpdateCounter();

    String stale = failsWith(Status.Code.FAILED_PRECONDITION,
        () -> provisioner().provision(launch("i-2", "ec2-east", 4)));
    assertThat(stale).contains("epoch 4").contains("5");
    failsWith(Status.Code.FAILED_PRECONDITION, () -> provisioner().terminateNodes(TerminateNodesRequest.newBuilder()
        .addInstanceIds("i-1").setOwner("alice").setEpoch(3).build()));
    String dup = failsWith(Status.Code.ALREADY_EXISTS, () -> provisioner().provision(launch("i-1", "ec2-west", 5)));
    assertThat(dup).contains("i-1");

    assertThat(nodes()).extracting(NodeRecord::getInstanceId).containsExactly("i-1");
    assertThat(node("i-1").getState()).isEqualTo(InstanceState.INSTANCE_STATE_RUNNING);
    assertThat(node("i-1").getUpdateCounter()).isEqualTo(counter);

    var accepted = provisioner().terminateNodes(TerminateNodesRequest.newBuilder().addInstanceIds("i-1")
        .addInstanceIds("nobody").setOwner("alice").setEpoch(6).build());
    assertThat(accepted.getAcceptedIdsList()).containsExactly("i-1");
    Waits.until("i-1 TERMINATED", BOUND,
        () -> node("i-1").getState() == InstanceState.INSTANCE_STATE_TERMINATED);
    assertThat(node("i-1").getUpdateCounter()).isGreaterThan(counter);
  }

  @Test
  void badInputIsRefusedClearlyAndChangesNothing() {
    assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> provisioner().provision(launch("", "ec2-east", 1))))
        .contains("instance_id");
    assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> provisioner().provision(launch("a/b", "ec2-east", 1))))
        .contains("instance_id");
    assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> provisioner().provision(launch("i-3", "", 1))))
        .contains("site");
    assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> provisioner().provision(launch("i-3", "ec2-east", 1)
        .toBuilder().setVars(struct("{\"sim_load_curve\": \"soon:lots\"}")).build()))).contains("sim_load_curve");
    assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> provisioner().provision(launch("i-3", "ec2-east", 1)
        .toBuilder().setVars(struct("{\"heartbeat_dest\": \"nowhere\"}")).build()))).contains("heartbeat_dest");
    assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> provisioner().provision(launch("i-3", "ec2-east", 1)
        .toBuilder().setVars(struct("{\"node_id\": \"i-4\"}")).build()))).contains("node_id");
    assertThat(nodes()).isEmpty();

    var unknownSite = provisioner().provision(launch("i-5", "mars-1", 1));
    assertThat(unknownSite.getState()).isEqualTo(InstanceState.INSTANCE_STATE_FAILED);
    assertThat(unknownSite.getMessage()).contains("unknown site 'mars-1'");

    for (int i = 0; i < 3; i++) {
      provisioner().provision(launch("full-" + i, "ec2-east", 1));
    }
    var overCapacity = provisioner().provision(launch("full-3", "ec2-east", 1));
    assertThat(overCapacity.getState()).isEqualTo(InstanceState.INSTANCE_STATE_FAILED);
    assertThat(overCapacity.getMessage()).contains("capacity");
  }

  @Test
  void nodesSurviveARestartAndConvergeWithoutDuplicateLaunches() throws InterruptedException {
    server.close();
    server = start(sim("300ms", "400ms"));
    addDomain("kept", 2, false);
    decide();
    assertThat(nodes()).hasSize(2);
    server.close();
    server = null;

    server = start(sim("300ms", "400ms"));
    assertThat(nodes()).as("the provisioner's nodes are still there").hasSize(2);
    decide();
    Domain d = awaitDomain("kept", x -> count(x, InstanceState.INSTANCE_STATE_RUNNING) == 2);
    decide();
    assertThat(nodes()).as("no duplicate launch after the restart").hasSize(2);
    assertThat(d.getInstancesList()).extracting(Instance::getInstanceId)
        .containsExactlyInAnyOrderElementsOf(nodes().stream().map(NodeRecord::getInstanceId).toList());
  }

  private void addDomain(String id, int n, boolean monitored) {
    var m = server.stubs().management();
    try {
      m.createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("simple").setConfig(struct(
          "{\"general\": {\"engine_class\": \"simplest\"}, \"engine_conf\": {\"epuworker_type\": \"worker\","
              + " \"force_site\": \"ec2-east\", \"epuworker_allocation\": \"small\"}}")).build());
    } catch (io.grpc.StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    }
    m.addDomain(AddDomainRequest.newBuilder().setDomainId(id).setDefinitionId("simple").setConfig(struct(
        "{\"engine_conf\": {\"preserve_n\": " + n + "}, \"health\": {\"monitor_health\": " + monitored + "}}"))
        .build());
  }

  private void decide() {
    server.stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance());
  }

  private Domain awaitDomain(String id, java.util.function.Predicate<Domain> ok) {
    return Waits.until("domain " + id, BOUND,
        () -> server.stubs().management().describeDomain(DescribeDomainRequest.newBuilder().setDomainId(id).build()),
        ok);
  }

  private static long count(Domain d, InstanceState state) {
    return d.getInstancesList().stream().filter(i -> i.getState() == state).count();
  }

  private ProvisionerGrpc.ProvisionerBlockingStub provisioner() {
    return ProvisionerGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private List<NodeRecord> nodes() {
    return provisioner().describeNodes(DescribeNodesRequest.getDefaultInstance()).getNodesList();
  }

  private NodeRecord node(String id) {
    return provisioner().describeNodes(DescribeNodesRequest.newBuilder().addInstanceIds(id).build()).getNodes(0);
  }

  private static ProvisionRequest launch(String id, String site, long epoch) {
    return ProvisionRequest.newBuilder().setLaunchId("l-" + id).setInstanceId(id).setDeployableType("worker")
        .setSite(site).setAllocation("small").setOwner("alice").setEpoch(epoch).build();
  }
}
