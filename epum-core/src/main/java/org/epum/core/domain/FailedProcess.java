package org.epum.core.domain;

/** A supervised process that an agent reported as failed in a PROCESS_ERROR heartbeat. */
public record FailedProcess(String name, int state, int exitCode, String stderr, long stopTimestamp) {
  public FailedProcess {
    name = name == null ? "" : name;
    stderr = stderr == null ? "" : stderr;
  }
}
