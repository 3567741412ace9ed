package org.epum.client;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The optional guards of a mutation: an idempotency key and an expected version.
 *
 * <p>A retry with the same {@code requestId} is applied at most once by the server. An
 * {@code expectedVersion} makes the write conditional (ABORTED when the stored version moved).
 * Immutable; start from {@link #NONE}.
 */
public final class WriteOptions {
  /** No request id, no expected version. */
  public static final WriteOptions NONE = new WriteOptions("", null);

  private final String requestId;
  private final Long expectedVersion;

  private WriteOptions(String requestId, Long expectedVersion) {
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.expectedVersion = expectedVersion;
  }

  /** Shorthand for {@code NONE.withRequestId(requestId)}. */
  public static WriteOptions requestId(String requestId) {
    return NONE.withRequestId(requestId);
  }

  /** Shorthand for {@code NONE.withExpectedVersion(version)}. */
  public static WriteOptions expectedVersion(long version) {
    return NONE.withExpectedVersion(version);
  }

  /** A copy with this idempotency key; null or empty means none. */
  public WriteOptions withRequestId(String id) {
    return new WriteOptions(id == null ? "" : id, expectedVersion);
  }

  /** A copy that applies only if the stored version is {@code version}. */
  public WriteOptions withExpectedVersion(long version) {
    return new WriteOptions(requestId, version);
  }

  /** The idempotency key; empty when none. */
  public String requestId() {
    return requestId;
  }

  /** The version the write is conditional on, if any. */
  public OptionalLong expectedVersion() {
    return expectedVersion == null ? OptionalLong.empty() : OptionalLong.of(expectedVersion);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WriteOptions w
        && requestId.equals(w.requestId)
        && Objects.equals(expectedVersion, w.expectedVersion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(requestId, expectedVersion);
  }

  @Override
  public String toString() {
    return "WriteOptions{requestId=" + requestId + ", expectedVersion=" + expectedVersion + "}";
  }
}
