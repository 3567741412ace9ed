package org.epum.core.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;

/**
 * Curator clients for tests against a {@code TestingServer}: connection timeout below the session
 * timeout (STACK pitfall 11) and a retry policy that gives up within seconds, so an outage test
 * sees STORE_UNAVAILABLE rather than hanging. Close clients before the server.
 */
public final class ZooKeeperTesting {
  public static final int SESSION_TIMEOUT_MS = 10_000;
  public static final int CONNECTION_TIMEOUT_MS = 3_000;

  private ZooKeeperTesting() {}

  /** A started client, connected (or the test fails). */
  public static CuratorFramework startedClient(String connectString) throws InterruptedException {
    CuratorFramework client = CuratorFrameworkFactory.builder()
        .connectString(connectString)
        .sessionTimeoutMs(SESSION_TIMEOUT_MS)
        .connectionTimeoutMs(CONNECTION_TIMEOUT_MS)
        .retryPolicy(new ExponentialBackoffRetry(50, 6, 500))
        .build();
    client.start();
    if (!client.blockUntilConnected(30, TimeUnit.SECONDS)) {
      client.close();
      throw new AssertionError("test ZooKeeper at " + connectString + " did not accept a connection in 30 s");
    }
    return client;
  }

  /** Connection state changes of the client from now on, in order. */
  public static BlockingQueue<ConnectionState> connectionStates(CuratorFramework client) {
    BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
    client.getConnectionStateListenable().addListener((c, state) -> states.add(state));
    return states;
  }

  /** Takes states until {@code wanted} arrives; false if it did not within the timeout. */
  public static boolean awaitState(BlockingQueue<ConnectionState> states, ConnectionState wanted, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      ConnectionState s = states.poll(left, TimeUnit.NANOSECONDS);
      if (s == wanted) {
        return true;
      }
      if (s == null) {
        return false;
      }
    }
    return false;
  }
}
