package org.epum.core.management;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.epum.core.domain.DefinitionRecord;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.DomainConfigValidator;
import org.epum.core.domain.Names;
import org.epum.core.error.EpumException;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Versioned;

/**
 * Domain definitions: global, versioned templates. Every failure leaves the store as it was.
 * Who may call what is decided by the API layer; {@code caller} here only scopes request ids.
 */
public final class DefinitionService {
  private final EpumStore store;
  private final Clock clock;
  private final DomainConfigValidator validator;
  private final RequestIds requestIds;

  @Inject
  public DefinitionService(EpumStore store, Clock clock, DomainConfigValidator validator) {
    this.store = requireNonNull(store);
    this.clock = requireNonNull(clock);
    this.validator = requireNonNull(validator);
    this.requestIds = new RequestIds(store, clock);
  }

  public Versioned<DefinitionRecord> create(String caller, String definitionId, DomainConfig config,
      String description, String requestId) {
    Names.check("definition_id", definitionId);
    validator.validateDefinition(config);
    var now = clock.instant();
    var record = new DefinitionRecord(definitionId, config, description, now, now);
    return requestIds.once(caller, requestId, "CreateDefinition", target(definitionId),
        mark -> store.createDefinition(record, mark), () -> describe(definitionId));
  }

  /** Replaces the definition's config whole; {@code expectedVersion} may be {@link Versioned#ANY}. */
  public Versioned<DefinitionRecord> update(String caller, String definitionId, DomainConfig config,
      String description, int expectedVersion, String requestId) {
    Names.check("definition_id", definitionId);
    validator.validateDefinition(config);
    return requestIds.once(caller, requestId, "UpdateDefinition", target(definitionId), mark -> {
      var current = describe(definitionId);
      checkVersion(definitionId, expectedVersion, current.version());
      var updated = new DefinitionRecord(definitionId, config, description, current.value().createdAt(),
          clock.instant());
      return store.updateDefinition(updated, current.version(), mark);
    }, () -> describe(definitionId));
  }

  public Versioned<DefinitionRecord> describe(String definitionId) {
    Names.check("definition_id", definitionId);
    return store.definition(definitionId).orElseThrow(() -> notFound(definitionId));
  }

  public List<String> list() {
    return store.definitionIds();
  }

  public void remove(String caller, String definitionId, int expectedVersion, String requestId) {
    Names.check("definition_id", definitionId);
    requestIds.once(caller, requestId, "RemoveDefinition", target(definitionId), mark -> {
      var current = describe(definitionId);
      checkVersion(definitionId, expectedVersion, current.version());
      store.removeDefinition(definitionId, current.version(), mark);
      return null;
    }, () -> null);
  }

  static EpumException notFound(String definitionId) {
    return EpumException.notFound("definition " + definitionId
        + " not found; list definitions with `epumctl definition list`");
  }

  private static void checkVersion(String definitionId, int expected, int actual) {
    if (expected != Versioned.ANY && expected != actual) {
      throw EpumException.versionConflict("definition " + definitionId + " is at version " + actual
          + ", not the expected " + expected + "; describe it again and retry");
    }
  }

  private static String target(String definitionId) {
    return "definition:" + definitionId;
  }
}
