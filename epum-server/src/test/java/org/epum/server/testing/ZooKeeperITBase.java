package org.epum.server.testing;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One real ZooKeeper (Curator TestingServer) per test class; tests give each server its own root. */
public abstract class ZooKeeperITBase {
  protected static TestingServer zookeeper;

  @BeforeAll
  static void startZooKeeper() throws Exception {
    zookeeper = new TestingServer(true);
  }

  @AfterAll
  static void stopZooKeeper() throws Exception {
    zookeeper.close();
  }
}
