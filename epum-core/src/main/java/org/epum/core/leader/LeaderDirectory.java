package org.epum.core.leader;

import java.util.List;

/** Who leads each role across all replicas (EpumAdmin.GetLeaders). */
public interface LeaderDirectory {
  /** One entry per role, in {@link Roles#ALL} order. */
  List<LeaderInfo> leaders();
}
