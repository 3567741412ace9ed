package org.epum.server.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.struct;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import org.epum.proto.v1.ListDomainsRequest;
import org.epum.proto.v1.NodeRecord;
import org.epum.proto.v1.ProvisionerGrpc;
import org.epum.proto.v1.RemoveDomainRequest;
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
 * The embedded Provisioner with the {@code local} driver over a real ZooKeeper: every instance is a
 * real epum-agent JVM (the test class path) whose heartbeats make it OK; an agent killed from
 * outside is FAILED with its exit code and replaced; removing the domain stops the processes;
 * stopping the server stops them too, and after a restart their nodes are FAILED. External-decide
 * mode: the test runs the decider passes.
 */
class LocalDriverIT extends ZooKeeperITBase {
  private static final AtomicInteger ROOTS = new AtomicInteger();
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final String HEALTH = "{\"monitor_health\": true, \"boot_timeout\": 30, \"missing_timeout\": 10, "
      + "\"really_missing_timeout\": 5, \"zombie_seconds\": 10}";
  @TempDir Path logs;
  private RunningServer server;
  private String root;
  private final Set<Long> pids = new HashSet<>();

  @BeforeEach
  void start() {
    root = "/epum-local-" + ROOTS.incrementAndGet();
    server = start(root);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly)); // never leak a JVM
  }

  private RunningServer start(String zkRoot) {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String yaml = """
        provisioner: {driver: local}
        local: {classpath: "%s", java_opts: [-Xmx64m, -XX:TieredStopAtLevel=1, -XX:+UseSerialGC],
                agent_args: [--listen, "127.0.0.1:0", --interval, "0.2"], ready_after: 200ms, stop_grace: 5s,
                log_dir: "%s"}
        """.formatted(classpath, logs);
    return RunningServer.start(TestServers.zooKeeperConfig(zookeeper.getConnectString(), zkRoot, yaml));
  }

  @Test
  void agentsReportOkACrashedOneIsReplacedAndRemovalStopsTheProcesses() {
    addDomain("web", 2);
    Domain up = awaitDomain("web", "2 RUNNING and OK", d -> okRunning(d).size() == 2);
    List<NodeRecord> first = nodes();
    assertThat(first).hasSize(2).allSatisfy(n -> {
      assertThat(n.getIaasId()).startsWith("pid:");
      assertThat(process(n)).as("agent of " + n.getInstanceId()).matches(ProcessHandle::isAlive);
    });
    first.forEach(n -> pids.add(pid(n)));

    NodeRecord victim = first.get(0);
    assertThat(process(victim).destroyForcibly()).isTrue();
    NodeRecord failed = Waits.until("the killed agent's node FAILED", BOUND, () -> node(victim.getInstanceId()),
        n -> n.getState() == InstanceState.INSTANCE_STATE_FAILED);
    assertThat(failed.getStateDesc()).contains("exit code 137");

    Domain healed = awaitDomain("web", "a replacement RUNNING and OK", d -> okRunning(d).size() == 2
        && !okRunning(d).contains(victim.getInstanceId()));
    assertThat(okRunning(healed)).contains(first.get(1).getInstanceId());
    assertThat(up.getInstancesList()).extracting(Instance::getInstanceId).contains(victim.getInstanceId());
    nodes().forEach(n -> pids.add(pid(n)));
    assertThat(pids).hasSize(3);

    server.stubs().management().removeDomain(RemoveDomainRequest.newBuilder().setDomainId("web").build());
    Waits.until("the domain is deleted", BOUND, () -> {
      decide();
      return server.stubs().management().listDomains(ListDomainsRequest.getDefaultInstance()).getDomainIdsCount() == 0;
    });
    assertThat(nodes()).filteredOn(n -> !n.getInstanceId().equals(victim.getInstanceId()))
        .allSatisfy(n -> assertThat(n.getState()).isEqualTo(InstanceState.INSTANCE_STATE_TERMINATED));
    Waits.until("every agent process is gone", BOUND,
        () -> pids.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
  }

  @Test
  void agentsDoNotOutliveTheServerAndARestartReportsTheirNodesFailed() throws InterruptedException {
    addDomain("kept", 1);
    awaitDomain("kept", "1 RUNNING and OK", d -> okRunning(d).size() == 1);
    NodeRecord before = nodes().get(0);
    long pid = pid(before);
    pids.add(pid);

    server.close();
    server = null;
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as("the agent stopped with the server").isFalse();

    server = start(root);
    NodeRecord after = Waits.until("the node FAILED after the restart", BOUND,
        () -> node(before.getInstanceId()), n -> n.getState() == InstanceState.INSTANCE_STATE_FAILED);
    assertThat(after.getStateDesc()).contains("gone");
    awaitDomain("kept", "a replacement RUNNING and OK", d -> okRunning(d).size() == 1
        && !okRunning(d).contains(before.getInstanceId()));
    nodes().forEach(n -> pids.add(pid(n)));
  }

  private void addDomain(String id, int n) {
    var m = server.stubs().management();
    m.createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("simple").setConfig(struct(
        "{\"general\": {\"engine_class\": \"simplest\"}, \"engine_conf\": {\"epuworker_type\": \"worker\","
            + " \"force_site\": \"local\", \"epuworker_allocation\": \"small\"}}")).build());
    m.addDomain(AddDomainRequest.newBuilder().setDomainId(id).setDefinitionId("simple").setConfig(struct(
        "{\"engine_conf\": {\"preserve_n\": " + n + "}, \"health\": " + HEALTH + "}")).build());
  }

  /** Runs a decider pass on every probe, so launches and replacements follow the driver's states. */
  private Domain awaitDomain(String id, String what, java.util.function.Predicate<Domain> ok) {
    return Waits.until("domain " + id + ": " + what, BOUND, () -> {
      decide();
      return server.stubs().management().describeDomain(DescribeDomainRequest.newBuilder().setDomainId(id).build());
    }, ok);
  }

  private static List<String> okRunning(Domain d) {
    return d.getInstancesList().stream().filter(i -> i.getState() == InstanceState.INSTANCE_STATE_RUNNING
        && i.getHealth() == HealthState.HEALTH_STATE_OK).map(Instance::getInstanceId).toList();
  }

  private void decide() {
    server.stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance());
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

  private static long pid(NodeRecord n) {
    return Long.parseLong(n.getIaasId().substring("pid:".length()));
  }

  private static ProcessHandle process(NodeRecord n) {
    return ProcessHandle.of(pid(n)).orElseThrow(() -> new AssertionError("no process for " + n.getIaasId()));
  }
}
