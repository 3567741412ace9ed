package org.epum.core.domain;

/**
 * One error on an instance's health: a message, and the failed process when the error came from a
 * PROCESS_ERROR heartbeat ({@code process} is null otherwise).
 */
public record InstanceError(String message, FailedProcess process) {
  public InstanceError {
    message = message == null ? "" : message;
  }

  public static InstanceError of(String message) {
    return new InstanceError(message, null);
  }
}
