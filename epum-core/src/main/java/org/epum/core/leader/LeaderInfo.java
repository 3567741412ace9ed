package org.epum.core.leader;

import java.util.List;

/**
 * Who leads one role: the leader's participant id (empty when nobody leads), the role's fencing
 * epoch, and every contender, leader first.
 */
public record LeaderInfo(String role, String leaderId, long epoch, List<String> participants) {
  public LeaderInfo {
    participants = List.copyOf(participants);
  }
}
