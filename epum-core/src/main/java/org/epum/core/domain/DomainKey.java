package org.epum.core.domain;

import static java.util.Objects.requireNonNull;

/** A domain is keyed by its owner and its id; another owner's domain of the same id is a different domain. */
public record DomainKey(String owner, String domainId) {
  public DomainKey {
    requireNonNull(owner, "owner");
    requireNonNull(domainId, "domainId");
  }

  /** Validates both names (INVALID_ARGUMENT on a bad one) and builds the key. */
  public static DomainKey of(String owner, String domainId) {
    return new DomainKey(Names.check("owner", owner), Names.check("domain_id", domainId));
  }

  @Override
  public String toString() {
    return owner + "/" + domainId;
  }
}
