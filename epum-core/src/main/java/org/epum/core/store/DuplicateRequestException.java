package org.epum.core.store;

import static java.util.Objects.requireNonNull;

/**
 * Thrown by a mutation whose {@link RequestMark} was already recorded: the request took effect
 * earlier (or concurrently), and this attempt changed nothing. The caller answers the retry from
 * the current state instead of failing it.
 */
public final class DuplicateRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient RequestMark existing;

  public DuplicateRequestException(RequestMark existing) {
    super("request " + existing.requestId() + " was already applied");
    this.existing = requireNonNull(existing);
  }

  public RequestMark existing() {
    return existing;
  }
}
