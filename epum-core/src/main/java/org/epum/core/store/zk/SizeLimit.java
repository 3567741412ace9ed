package org.epum.core.store.zk;

import java.util.Locale;
import java.util.UUID;
import org.epum.core.domain.DomainKey;
import org.epum.core.error.EpumException;

/**
 * The largest record the store takes. Checked on the encoded bytes, before anything is written,
 * so an oversized record fails INVALID_ARGUMENT with its size, the limit and what to shrink,
 * instead of an opaque ZooKeeper error.
 */
final class SizeLimit {
  /** Stands in for a real write id when only the size matters: same length as a random UUID. */
  static final String SIZING_WRITE_ID = new UUID(0, 0).toString();

  private final long maxBytes;

  SizeLimit(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  long maxBytes() {
    return maxBytes;
  }

  byte[] definition(byte[] encoded, String definitionId) {
    return check(encoded, "definition record " + definitionId, "Shrink its config or description.");
  }

  byte[] domain(byte[] encoded, DomainKey key) {
    return check(encoded, "domain record " + key, "Shrink its config.");
  }

  byte[] subscribers(byte[] encoded, DomainKey key) {
    return check(encoded, "subscriber list of domain " + key, "Remove subscribers or shorten their names.");
  }

  byte[] instance(byte[] encoded, String instanceId) {
    return check(encoded, "instance record " + instanceId, "Shrink its sensor data, extravars or errors.");
  }

  byte[] event(byte[] encoded, DomainKey key) {
    return check(encoded, "an event of domain " + key, "Shorten its message.");
  }

  private byte[] check(byte[] encoded, String what, String advice) {
    if (encoded.length > maxBytes) {
      throw EpumException.invalidArgument(String.format(Locale.ROOT,
          "%s is %,d bytes; the store's limit is %,d bytes (ZooKeeper znode size). %s",
          what, encoded.length, maxBytes, advice));
    }
    return encoded;
  }
}
