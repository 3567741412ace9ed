package org.epum.server.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.struct;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingCluster;
import org.epum.core.leader.Roles;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.DescribeNodesRequest;
import org.epum.proto.v1.GetServerStatusRequest;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.ListDomainsRequest;
import org.epum.proto.v1.NodeRecord;
import org.epum.proto.v1.ProvisionerGrpc;
import org.epum.proto.v1.ReconfigureDomainRequest;
import org.epum.proto.v1.RemoveDomainRequest;
import org.epum.server.cloud.EmbeddedProvisioner;
import org.epum.server.cloud.GrpcStateSink;
import org.epum.server.cloud.InstanceStateSink;
import org.epum.server.cloud.MemoryNodeStore;
import org.epum.server.cloud.StatePusher;
import org.epum.server.cloud.sim.SimAgents;
import org.epum.server.cloud.sim.SimDriver;
import org.epum.server.config.EpumConfig;
import org.epum.server.grpc.ProvisionerGrpcService;
import org.epum.server.testing.RunningServer;
import org.epum.server.testing.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenarios 52-54: the add / reconfigure / remove flows converge while replicas are stopped, a
 * leader's ZooKeeper session expires or a ZooKeeper server dies, and no instance is ever launched
 * twice. Three replicas in TIMED mode (decider and doctor every 200ms, retry 1s) over a
 * three-server ensemble, all calling ONE sim Provisioner served in this JVM, so a stopped replica
 * does not take the cloud with it; the sim pushes states to whichever replica is up.
 *
 * <p>Kill points of the flow (a kill at point k happens just before step k):
 * 0 add definition, 1 add domain(s), 2 reconfigure / after the list is checked, 3 wait for the
 * VMs, 4 remove, 5 wait for 0 VMs, 6 after the flow (the state must stay converged).
 * The matrix is cut to what 2 cores run in under a minute: every point for the decider leader, a
 * few points for each other fault. Every run ends by checking that the cloud launched exactly as
 * many distinct instances as the flow needed, so a repeated launch under a new id fails it.
 */
class FailoverFlowsIT {
  private static final Duration VMS = Duration.ofSeconds(60);
  private static final Duration LIST = Duration.ofSeconds(30);
  private static final Set<InstanceState> FINAL = Set.of(InstanceState.INSTANCE_STATE_TERMINATED,
      InstanceState.INSTANCE_STATE_FAILED, InstanceState.INSTANCE_STATE_REJECTED);
  private static final AtomicInteger ROOTS = new AtomicInteger();
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static TestingCluster zookeeper;

  private final List<RunningServer> replicas = new CopyOnWriteArrayList<>();
  /** One channel per replica: RunningServer.stubs() opens a new one on every call. */
  private final Map<RunningServer, RunningServer.Stubs> stubs = new ConcurrentHashMap<>();
  private String root;
  private Cloud cloud;
  private InstanceSpec deadZooKeeperServer;

  enum Kill { DECIDER_LEADER, NON_LEADER, DOCTOR_LEADER, NON_DOCTOR, DECIDER_SESSION_EXPIRED, ZOOKEEPER_SERVER }

  @BeforeAll
  static void startEnsemble() throws Exception {
    zookeeper = new TestingCluster(3);
    zookeeper.start();
  }

  @AfterAll
  static void stopEnsemble() throws Exception {
    zookeeper.close();
  }

  @BeforeEach
  void start() throws Exception {
    root = "/epum-failover-" + ROOTS.incrementAndGet();
    cloud = new Cloud(replicas);
    for (int i = 0; i < 3; i++) {
      replicas.add(startReplica());
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (RunningServer r : replicas) {
      r.close();
    }
    replicas.clear();
    stubs.clear();
    cloud.close();
    if (deadZooKeeperServer != null) {
      zookeeper.restartServer(deadZooKeeperServer);
    }
  }

  // 52, decider leader stopped gracefully at every point
  @ParameterizedTest(name = "decider leader stopped at point {0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void flowConvergesWhenTheDeciderLeaderStops(int point) throws Exception {
    oneDomainFlow(point, Kill.DECIDER_LEADER);
  }

  // 52, a replica leading no decider stopped; the points around launching and removing
  @ParameterizedTest(name = "non-leader stopped at point {0}")
  @ValueSource(ints = {1, 3, 5})
  void flowConvergesWhenANonLeaderStops(int point) throws Exception {
    oneDomainFlow(point, Kill.NON_LEADER);
  }

  // 52, the doctor leader stopped
  @ParameterizedTest(name = "doctor leader stopped at point {0}")
  @ValueSource(ints = {2, 4})
  void flowConvergesWhenTheDoctorLeaderStops(int point) throws Exception {
    oneDomainFlow(point, Kill.DOCTOR_LEADER);
  }

  // 52, a replica not leading the doctor stopped
  @ParameterizedTest(name = "non-doctor stopped at point {0}")
  @ValueSource(ints = {1, 4})
  void flowConvergesWhenANonDoctorStops(int point) throws Exception {
    oneDomainFlow(point, Kill.NON_DOCTOR);
  }

  // 54, the decider leader's session expires (connection loss longer than the session timeout)
  @ParameterizedTest(name = "decider session expired at point {0}")
  @ValueSource(ints = {2, 3, 5})
  void flowConvergesWhenTheDeciderLeadersSessionExpires(int point) throws Exception {
    oneDomainFlow(point, Kill.DECIDER_SESSION_EXPIRED);
  }

  // 54, the ZooKeeper server the decider leader is connected to dies: its connection drops and
  // moves to another server within the session timeout (connection loss, session survives)
  @ParameterizedTest(name = "decider leader's ZooKeeper server killed at point {0}")
  @ValueSource(ints = {3, 5})
  void flowConvergesWhenAZooKeeperServerDies(int point) throws Exception {
    oneDomainFlow(point, Kill.ZOOKEEPER_SERVER);
  }

  // 53, 16 domains of preserve_n 1, the decider leader stopped half-way through adding them or
  // half-way through removing them
  @ParameterizedTest(name = "16 domains, decider leader stopped half-way through {0}")
  @ValueSource(strings = {"adding", "removing"})
  void sixteenDomainsConvergeWhenTheDeciderLeaderStopsMidFlow(String phase) throws Exception {
    List<String> ids = IntStream.range(0, 16).mapToObj(i -> "dom" + i).toList();
    createDefinition();
    for (String id : ids) {
      if (phase.equals("adding") && id.equals("dom8")) {
        kill(Kill.DECIDER_LEADER);
      }
      call(() -> stubs(any()).management().addDomain(AddDomainRequest.newBuilder().setDomainId(id)
          .setDefinitionId("def1").setConfig(domainConfig(1)).setRequestId(UUID.randomUUID().toString()).build()));
    }
    awaitList(new TreeSet<>(ids));
    awaitLiveVms(ids, 1);
    for (String id : ids) {
      if (phase.equals("removing") && id.equals("dom8")) {
        kill(Kill.DECIDER_LEADER);
      }
      remove(id);
    }
    awaitNoVmsAndNoDomains();
    assertThat(cloud.nodes()).as("one launch per domain, none repeated").hasSize(16)
        .extracting(NodeRecord::getInstanceId).doesNotHaveDuplicates();
  }

  private void oneDomainFlow(int point, Kill kind) throws Exception {
    List<Runnable> steps = List.of(
        this::createDefinition,
        () -> {
          call(() -> stubs(any()).management().addDomain(AddDomainRequest.newBuilder().setDomainId("dom1")
              .setDefinitionId("def1").setConfig(domainConfig(0)).setRequestId(UUID.randomUUID().toString()).build()));
          awaitList(Set.of("dom1"));
          awaitLiveVms(List.of("dom1"), 0);
        },
        () -> call(() -> stubs(any()).management().reconfigureDomain(ReconfigureDomainRequest.newBuilder()
            .setDomainId("dom1").setConfig(domainConfig(2)).setRequestId(UUID.randomUUID().toString()).build())),
        () -> awaitLiveVms(List.of("dom1"), 2),
        () -> remove("dom1"),
        this::awaitNoVmsAndNoDomains,
        () -> {});
    for (int i = 0; i < steps.size(); i++) {
      if (i == point) {
        kill(kind);
      }
      steps.get(i).run();
    }
    awaitNoVmsAndNoDomains();
    assertThat(cloud.nodes()).as("the flow needed 2 launches; none repeated").hasSize(2)
        .extracting(NodeRecord::getInstanceId).doesNotHaveDuplicates();
  }

  /** Injects one fault; a stopped ZooKeeper server is restarted after the test. */
  private void kill(Kill kind) throws Exception {
    switch (kind) {
      case DECIDER_LEADER -> replace(awaitLeaderOf(Roles.DECIDER));
      case DOCTOR_LEADER -> replace(awaitLeaderOf(Roles.DOCTOR));
      case NON_LEADER -> {
        RunningServer leader = awaitLeaderOf(Roles.DECIDER);
        replace(replicas.stream().filter(r -> r != leader).findFirst().orElseThrow());
      }
      case NON_DOCTOR -> {
        RunningServer doctor = awaitLeaderOf(Roles.DOCTOR);
        replace(replicas.stream().filter(r -> r != doctor).findFirst().orElseThrow());
      }
      case DECIDER_SESSION_EXPIRED -> KillSession.kill(awaitLeaderOf(Roles.DECIDER).component(CuratorFramework.class)
          .getZookeeperClient().getZooKeeper());
      case ZOOKEEPER_SERVER -> {
        InstanceSpec server = zookeeper.findConnectionInstance(awaitLeaderOf(Roles.DECIDER)
            .component(CuratorFramework.class).getZookeeperClient().getZooKeeper());
        assertThat(zookeeper.killServer(server)).as("killed " + server).isTrue();
        deadZooKeeperServer = server;
      }
    }
  }

  /** Stops a replica gracefully (leaving its elections first) and starts a fresh one so 3 remain. */
  private void replace(RunningServer victim) throws Exception {
    replicas.remove(victim);
    stubs.remove(victim);
    victim.close();
    replicas.add(startReplica());
  }

  private RunningServer startReplica() {
    EpumConfig config = TestServers.load("""
        server: {listen: "127.0.0.1:0", replica_name: failover-%d}
        store: {type: zookeeper}
        zookeeper: {connect: "%s", root: "%s", session_timeout: 4s, connection_timeout: 2s}
        epum: {external_decide: false}
        decider: {interval: 200ms, retry_interval: 1s}
        doctor: {interval: 200ms}
        provisioner: {endpoint: "127.0.0.1:%d", timeout: 5s}
        dtrs: {embedded: false}
        """.formatted(NAMES.incrementAndGet(), zookeeper.getConnectString(), root, cloud.port()));
    return RunningServer.start(config);
  }

  private void createDefinition() {
    call(() -> stubs(any()).management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("def1")
        .setConfig(struct("{\"general\": {\"engine_class\": \"simplest\"}, \"health\": {\"monitor_health\": false}}"))
        .setRequestId(UUID.randomUUID().toString()).build()));
  }

  private void remove(String id) {
    call(() -> stubs(any()).management().removeDomain(RemoveDomainRequest.newBuilder().setDomainId(id)
        .setRequestId(UUID.randomUUID().toString()).build()));
  }

  private static com.google.protobuf.Struct domainConfig(int n) {
    return struct("{\"engine_conf\": {\"preserve_n\": " + n
        + ", \"epuworker_type\": \"example\", \"force_site\": \"ec2-fake\"}}");
  }

  /** Every domain has n live instances, all RUNNING, and the cloud's live nodes are exactly those. */
  private void awaitLiveVms(List<String> domains, int n) {
    until(domains.size() * n + " live VMs matching EPUM's live instances", VMS, () -> {
      Set<String> epumLive = new TreeSet<>();
      for (String d : domains) {
        List<Instance> live = stubs(any()).management().describeDomain(DescribeDomainRequest.newBuilder()
            .setDomainId(d).build()).getInstancesList().stream().filter(i -> !FINAL.contains(i.getState())).toList();
        if (live.size() != n || !live.stream().allMatch(i -> i.getState() == InstanceState.INSTANCE_STATE_RUNNING)) {
          return Optional.empty();
        }
        live.forEach(i -> epumLive.add(i.getInstanceId()));
      }
      return Optional.of(epumLive).filter(ids -> ids.equals(cloud.liveIds()));
    });
  }

  private void awaitList(Set<String> expected) {
    until("domain list " + expected, LIST, () -> Optional.of(Set.copyOf(stubs(any()).management()
        .listDomains(ListDomainsRequest.getDefaultInstance()).getDomainIdsList())).filter(expected::equals));
  }

  private void awaitNoVmsAndNoDomains() {
    until("0 live VMs", VMS, () -> Optional.of(cloud.liveIds()).filter(Set::isEmpty));
    awaitList(Set.of());
  }

  private RunningServer awaitLeaderOf(String role) {
    return until("one leader of " + role, LIST, () -> {
      List<RunningServer> leaders = replicas.stream().filter(r -> leading(r).contains(role)).toList();
      return leaders.size() == 1 ? Optional.of(leaders.get(0)) : Optional.empty();
    });
  }

  private List<String> leading(RunningServer r) {
    return stubs(r).admin().getServerStatus(GetServerStatusRequest.getDefaultInstance()).getLeadingList();
  }

  private RunningServer.Stubs stubs(RunningServer r) {
    return stubs.computeIfAbsent(r, RunningServer::stubs);
  }

  /** A replica to call; every replica serves the API, none waits on a leader. */
  private RunningServer any() {
    return replicas.get(0);
  }

  /**
   * Runs an API call, repeating it while the store is briefly unavailable (a ZooKeeper server just
   * died); the request id makes a repeat of a call that did land harmless.
   */
  private static void call(Runnable rpc) {
    until("the call to succeed", LIST, () -> {
      try {
        rpc.run();
        return Optional.of(true);
      } catch (StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        if (code != Status.Code.UNAVAILABLE && code != Status.Code.DEADLINE_EXCEEDED) {
          throw e;
        }
        return Optional.empty();
      }
    });
  }

  /** Waits, with a deadline, for the probe to answer; a probe that fails transiently counts as no answer. */
  private static <T> T until(String what, Duration bound, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + bound.toNanos();
    Object last = null;
    while (true) {
      try {
        Optional<T> answer = probe.get();
        if (answer.isPresent()) {
          return answer.get();
        }
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE && e.getStatus().getCode() != Status.Code.NOT_FOUND
            && e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
          throw e;
        }
        last = e.getStatus();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + bound + ": " + what + (last == null ? "" : "; last error " + last));
      }
      LockSupport.parkNanos(Duration.ofMillis(25).toNanos());
    }
  }

  /**
   * The sim Provisioner as scripts/epum-provisioner runs it (ProvisionerMain), in this JVM, except
   * that it pushes states to whichever replica answers, as a Provisioner behind a load balancer would.
   */
  private static final class Cloud implements AutoCloseable {
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2,
        new ThreadFactoryBuilder().setNameFormat("epum-sim-%d").setDaemon(true).build());
    private final EmbeddedProvisioner provisioner;
    private final Server server;
    private final ManagedChannel channel;

    Cloud(List<RunningServer> replicas) throws Exception {
      scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      EpumConfig config = TestServers.load("""
          sim: {request_delay: 10ms, boot_time_min: 10ms, boot_time_max: 30ms, start_delay: 10ms,
                terminate_delay: 10ms, heartbeat_interval: 1h, seed: 7, sites: {ec2-fake: {capacity: 100}}}
          dtrs: {embedded: false}
          provisioner: {push_retry: 300ms}
          """);
      var sim = config.sim();
      var agents = new SimAgents(scheduler, Clock.systemUTC(), sim.heartbeatInterval(), sim.loadMetric(),
          sim.agentToken(), dest -> dest);
      var driver = new SimDriver(sim, scheduler, new Random(sim.seed()), agents);
      Map<RunningServer, GrpcStateSink> sinks = new ConcurrentHashMap<>();
      InstanceStateSink anyReplica = node -> {
        RuntimeException last = new IllegalStateException("no replica is up");
        for (RunningServer r : List.copyOf(replicas)) {
          try {
            sinks.computeIfAbsent(r, x -> new GrpcStateSink(x.channel(), "", Duration.ofSeconds(2))).push(node);
            return;
          } catch (RuntimeException e) {
            last = e;
          }
        }
        throw last;
      };
      provisioner = new EmbeddedProvisioner(new MemoryNodeStore(),
          driver, new StatePusher(anyReplica, scheduler, config.provisioner().pushRetry()), (dt, site) -> Optional.empty());
      provisioner.start();
      server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
          .addService(new ProvisionerGrpcService(provisioner)).build().start();
      channel = NettyChannelBuilder.forTarget("127.0.0.1:" + server.getPort()).usePlaintext().build();
    }

    int port() {
      return server.getPort();
    }

    /** Every node ever launched, through the Provisioner API (DescribeNodes). */
    List<NodeRecord> nodes() {
      return ProvisionerGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .describeNodes(DescribeNodesRequest.getDefaultInstance()).getNodesList();
    }

    Set<String> liveIds() {
      return nodes().stream().filter(n -> !FINAL.contains(n.getState())).map(NodeRecord::getInstanceId)
          .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public void close() throws InterruptedException {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      provisioner.stop();
      scheduler.shutdownNow();
    }
  }
}
