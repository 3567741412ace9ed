package org.epum.core.management;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.DomainConfigValidator;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainLifecycle;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.EngineState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.Names;
import org.epum.core.domain.Subscriber;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;
import org.epum.core.store.RequestMark;
import org.epum.core.store.Versioned;

/**
 * Domains as their owners manage them: add, describe, list, reconfigure, remove, subscribe.
 * Every failure leaves the store as it was. {@code expectedVersion} arguments compare with the
 * domain's config version ({@link Versioned#ANY} skips the check); the decider's own writes to
 * the record (engine state) never make a caller's call fail, they are retried over.
 */
public final class DomainService {
  private static final int MAX_CAS_ATTEMPTS = 16;

  private final EpumStore store;
  private final Clock clock;
  private final DomainConfigValidator validator;
  private final RequestIds requestIds;

  @Inject
  public DomainService(EpumStore store, Clock clock, DomainConfigValidator validator) {
    this.store = requireNonNull(store);
    this.clock = requireNonNull(clock);
    this.validator = requireNonNull(validator);
    this.requestIds = new RequestIds(store, clock);
  }

  public DomainView add(DomainKey key, String definitionId, DomainConfig overrides, List<Subscriber> subscribers,
      String requestId) {
    Names.check("definition_id", definitionId);
    subscribers.forEach(SubscriberRules::check);
    var definition = store.definition(definitionId).orElseThrow(() -> DefinitionService.notFound(definitionId));
    var merged = definition.value().config().mergedWith(overrides);
    validator.validateDomain(merged);
    var now = clock.instant();
    var record = new DomainRecord(key, definitionId, merged, 1, DomainLifecycle.ACTIVE, EngineState.UNKNOWN,
        now, now);
    return requestIds.once(key.owner(), requestId, "AddDomain", target(key), mark -> {
      store.createDomain(record, subscribers, mark);
      return describe(key);
    }, () -> describe(key));
  }

  public DomainView describe(DomainKey key) {
    var domain = get(key).value();
    List<InstanceRecord> instances = new ArrayList<>();
    store.instances(key).forEach(v -> instances.add(v.value()));
    return new DomainView(domain, instances, store.subscribers(key).value());
  }

  /** The domain record alone, cheaper than {@link #describe} for large domains. */
  public DomainView describeWithoutInstances(DomainKey key) {
    return new DomainView(get(key).value(), List.of(), store.subscribers(key).value());
  }

  public List<DomainKey> list(String owner) {
    return store.domains(Names.check("owner", owner));
  }

  /** Merges {@code overrides} into the stored config and bumps the config version. */
  public DomainView reconfigure(DomainKey key, DomainConfig overrides, long expectedConfigVersion, String requestId) {
    return requestIds.once(key.owner(), requestId, "ReconfigureDomain", target(key), mark -> {
      updateRecord(key, mark, current -> {
        requireActive(current, "reconfigure");
        checkConfigVersion(current, expectedConfigVersion);
        var merged = current.config().mergedWith(overrides);
        validator.validateDomain(merged);
        return current.withConfig(merged, clock.instant());
      });
      return describe(key);
    }, () -> describe(key));
  }

  /** Marks the domain REMOVING; repeating it on a REMOVING domain is a no-op. */
  public DomainView remove(DomainKey key, long expectedConfigVersion, String requestId) {
    return requestIds.once(key.owner(), requestId, "RemoveDomain", target(key), mark -> {
      updateRecord(key, mark, current -> {
        checkConfigVersion(current, expectedConfigVersion);
        return current.lifecycle() == DomainLifecycle.REMOVING ? null
            : current.withLifecycle(DomainLifecycle.REMOVING, clock.instant());
      });
      return describeWithoutInstances(key);
    }, () -> describeWithoutInstances(key));
  }

  public List<Subscriber> subscribe(DomainKey key, Subscriber subscriber, String requestId) {
    SubscriberRules.check(subscriber);
    return requestIds.once(key.owner(), requestId, "SubscribeDomain", target(key) + "#" + subscriber.name(),
        mark -> updateSubscribers(key, mark, current -> {
          if (current.contains(subscriber)) {
            return current;
          }
          if (current.size() >= SubscriberRules.MAX_PER_DOMAIN) {
            throw EpumException.invalidArgument("domain " + key + " already has " + current.size()
                + " subscribers, the limit; unsubscribe one first");
          }
          List<Subscriber> next = new ArrayList<>(current);
          next.add(subscriber);
          return next;
        }), () -> store.subscribers(key).value());
  }

  public List<Subscriber> unsubscribe(DomainKey key, String subscriberName, String requestId) {
    Names.check("subscriber name", subscriberName);
    return requestIds.once(key.owner(), requestId, "UnsubscribeDomain", target(key) + "#" + subscriberName,
        mark -> updateSubscribers(key, mark, current -> {
          var next = current.stream().filter(s -> !s.name().equals(subscriberName)).toList();
          if (next.size() == current.size()) {
            throw EpumException.notFound("domain " + key.domainId() + " has no subscriber named " + subscriberName);
          }
          return next;
        }), () -> store.subscribers(key).value());
  }

  private Versioned<DomainRecord> get(DomainKey key) {
    return store.domain(key).orElseThrow(() -> notFound(key));
  }

  /** Read-modify-write with CAS; a null from {@code change} means nothing to write. */
  private void updateRecord(DomainKey key, RequestMark mark, Function<DomainRecord, DomainRecord> change) {
    for (int attempt = 1; ; attempt++) {
      var current = get(key);
      var next = change.apply(current.value());
      if (next == null) {
        return;
      }
      try {
        store.updateDomain(next, current.version(), mark, Fence.NONE);
        return;
      } catch (EpumException e) {
        if (e.code() != ErrorCode.VERSION_CONFLICT || attempt >= MAX_CAS_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private List<Subscriber> updateSubscribers(DomainKey key, RequestMark mark,
      Function<List<Subscriber>, List<Subscriber>> change) {
    for (int attempt = 1; ; attempt++) {
      get(key);
      var current = store.subscribers(key);
      var next = change.apply(current.value());
      try {
        return store.setSubscribers(key, next, current.version(), mark).value();
      } catch (EpumException e) {
        if (e.code() != ErrorCode.VERSION_CONFLICT || attempt >= MAX_CAS_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static void requireActive(DomainRecord domain, String operation) {
    if (domain.lifecycle() != DomainLifecycle.ACTIVE) {
      throw EpumException.wrongState("cannot " + operation + " domain " + domain.key().domainId() + ": it is "
          + domain.lifecycle() + "; add a new domain instead");
    }
  }

  private static void checkConfigVersion(DomainRecord domain, long expected) {
    if (expected != Versioned.ANY && expected != domain.configVersion()) {
      throw EpumException.versionConflict("domain " + domain.key().domainId() + " is at config_version "
          + domain.configVersion() + ", not the expected " + expected + "; describe it again and retry");
    }
  }

  static EpumException notFound(DomainKey key) {
    return EpumException.notFound("domain " + key.domainId() + " not found for owner " + key.owner()
        + "; list your domains with `epumctl domain list`");
  }

  private static String target(DomainKey key) {
    return "domain:" + key;
  }
}
