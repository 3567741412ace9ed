package org.epum.core.domain;

/** What the doctor and the heartbeats say about an instance's agent. */
public enum HealthState {
  UNKNOWN,
  OK,
  MONITOR_ERROR,
  PROCESS_ERROR,
  OUT_OF_CONTACT,
  MISSING,
  ZOMBIE
}
