package org.epum.core.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Something that happened to a domain. Sequence numbers are assigned by the log when the event is
 * appended: they start at 1 and go up by one per domain.
 */
public record DomainEvent(long sequence, Instant time, EventBody body) {
  public DomainEvent {
    requireNonNull(time, "time");
    requireNonNull(body, "body");
  }

  /** An event not yet appended. */
  public static DomainEvent of(Instant time, EventBody body) {
    return new DomainEvent(0, time, body);
  }
}
