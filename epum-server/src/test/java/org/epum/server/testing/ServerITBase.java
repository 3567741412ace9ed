package org.epum.server.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One real ZooKeeper (Curator TestingServer) per test class, and a fresh EPUM replica with its
 * own ZooKeeper root per test, in external-decide mode, reached over loopback gRPC.
 */
public abstract class ServerITBase {
  private static final AtomicInteger ROOTS = new AtomicInteger();
  protected static TestingServer zookeeper;
  protected RunningServer server;
  protected RecordingProvisioner provisioner;
  /** This test's ZooKeeper root, shared by every replica the test starts. */
  protected String zkRoot;

  @BeforeAll
  static void startZooKeeper() throws Exception {
    zookeeper = new TestingServer(true);
  }

  @AfterAll
  static void stopZooKeeper() throws Exception {
    zookeeper.close();
  }

  @BeforeEach
  void startServer() throws java.io.IOException {
    provisioner = new RecordingProvisioner();
    zkRoot = "/epum-" + getClass().getSimpleName() + "-" + ROOTS.incrementAndGet();
    server = startReplica();
  }

  /**
   * Starts another replica over this test's ZooKeeper root and provisioner (it bumps every role's
   * epoch, so it deposes the replicas started before it). The caller closes it.
   */
  protected RunningServer startReplica() {
    return RunningServer.start(TestServers.zooKeeperConfig(zookeeper.getConnectString(), zkRoot,
        "provisioner: {endpoint: \"" + provisioner.target() + "\", timeout: 5s" + provisionerConfig() + "}\n"
            + extraConfig()));
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    server.close();
    provisioner.close();
  }

  /** YAML appended to the test config, e.g. an auth section. */
  protected String extraConfig() {
    return "";
  }

  /** More entries of the provisioner section's flow mapping, each starting with ", " (e.g. vars). */
  protected String provisionerConfig() {
    return "";
  }
}
