package org.epum.core.provisioner;

/** A Provisioner call failed; the message says why (unreachable, refused, stale epoch). */
public final class ProvisionerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProvisionerException(String message, Throwable cause) {
    super(message, cause);
  }
}
