package org.epum.server.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh EPUM replica per test, with its own root on the class's ZooKeeper, in external-decide
 * mode, reached over loopback gRPC.
 */
public abstract class ServerITBase extends ZooKeeperITBase {
  private static final AtomicInteger ROOTS = new AtomicInteger();
  protected RunningServer server;
  protected RecordingProvisioner provisioner;
  /** This test's ZooKeeper root, shared by every replica the test starts. */
  protected String zkRoot;

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
