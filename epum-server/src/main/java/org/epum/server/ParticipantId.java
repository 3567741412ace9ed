package org.epum.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A replica's id in leader elections and status: {@code name:host:pid}, unique per process. */
final class ParticipantId {
  private ParticipantId() {}

  static String of(String replicaName) {
    return replicaName + ":" + hostName() + ":" + ProcessHandle.current().pid();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
