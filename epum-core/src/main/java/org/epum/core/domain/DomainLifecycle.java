package org.epum.core.domain;

/** Where a domain is in its life; REMOVING domains are torn down by the decider, then deleted. */
public enum DomainLifecycle {
  ACTIVE,
  REMOVING
}
