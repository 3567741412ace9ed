package org.epum.core.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A domain definition: a global, named template that domains are created from. */
public record DefinitionRecord(String id, DomainConfig config, String description, Instant createdAt,
    Instant updatedAt) {
  public DefinitionRecord {
    requireNonNull(id, "id");
    requireNonNull(config, "config");
    description = description == null ? "" : description;
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
  }
}
