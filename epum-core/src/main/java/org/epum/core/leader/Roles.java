package org.epum.core.leader;

import java.util.List;

/** The leader-elected roles. */
public final class Roles {
  public static final String DECIDER = "decider";
  public static final String DOCTOR = "doctor";
  public static final String REAPER = "reaper";
  public static final List<String> ALL = List.of(DECIDER, DOCTOR, REAPER);

  private Roles() {}
}
