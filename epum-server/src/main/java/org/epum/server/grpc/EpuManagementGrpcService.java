package org.epum.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.util.List;
import org.epum.core.domain.DomainKey;
import org.epum.core.engine.EngineRegistry;
import org.epum.core.error.EpumException;
import org.epum.core.events.DomainEventLog;
import org.epum.core.events.DomainEventWatches;
import org.epum.core.management.DefinitionService;
import org.epum.core.management.DomainService;
import org.epum.core.store.Versioned;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.Definition;
import org.epum.proto.v1.DescribeDefinitionRequest;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.Domain;
import org.epum.proto.v1.DomainEvent;
import org.epum.proto.v1.EpuManagementGrpc;
import org.epum.proto.v1.ListDefinitionsRequest;
import org.epum.proto.v1.ListDefinitionsResponse;
import org.epum.proto.v1.ListDomainEventsRequest;
import org.epum.proto.v1.ListDomainEventsResponse;
import org.epum.proto.v1.ListDomainsRequest;
import org.epum.proto.v1.ListDomainsResponse;
import org.epum.proto.v1.PlanDomainRequest;
import org.epum.proto.v1.PlanDomainResponse;
import org.epum.proto.v1.ReconfigureDomainRequest;
import org.epum.proto.v1.RemoveDefinitionRequest;
import org.epum.proto.v1.RemoveDefinitionResponse;
import org.epum.proto.v1.RemoveDomainRequest;
import org.epum.proto.v1.SubscribeDomainRequest;
import org.epum.proto.v1.SubscribeDomainResponse;
import org.epum.proto.v1.UnsubscribeDomainRequest;
import org.epum.proto.v1.UnsubscribeDomainResponse;
import org.epum.server.auth.CallerContext;

/** EpuManagement over gRPC: validates, converts, calls the core services. The owner is the caller's. */
public final class EpuManagementGrpcService extends EpuManagementGrpc.EpuManagementImplBase {
  private static final int DEFAULT_EVENT_LIMIT = 100;
  private static final int MAX_EVENT_LIMIT = 1000;

  private final DefinitionService definitions;
  private final DomainService domains;
  private final DomainEventLog events;
  private final EngineRegistry engines;
  private final DomainEventWatches watches;

  @Inject
  public EpuManagementGrpcService(DefinitionService definitions, DomainService domains, DomainEventLog events,
      EngineRegistry engines, DomainEventWatches watches) {
    this.definitions = requireNonNull(definitions);
    this.domains = requireNonNull(domains);
    this.events = requireNonNull(events);
    this.engines = requireNonNull(engines);
    this.watches = requireNonNull(watches);
  }

  @Override
  public void createDefinition(CreateDefinitionRequest req, StreamObserver<Definition> out) {
    GrpcCalls.unary(out, () -> definition(definitions.create(CallerContext.owner(),
        req.getDefinitionId(), ProtoMapper.config(req.getConfig()), req.getDescription(), req.getRequestId())));
  }

  @Override
  public void updateDefinition(org.epum.proto.v1.UpdateDefinitionRequest req, StreamObserver<Definition> out) {
    GrpcCalls.unary(out, () -> definition(definitions.update(CallerContext.owner(),
        req.getDefinitionId(), ProtoMapper.config(req.getConfig()), req.getDescription(),
        intVersion(req.hasExpectedVersion(), req.getExpectedVersion()), req.getRequestId())));
  }

  @Override
  public void describeDefinition(DescribeDefinitionRequest req, StreamObserver<Definition> out) {
    GrpcCalls.unary(out, () -> definition(definitions.describe(req.getDefinitionId())));
  }

  @Override
  public void listDefinitions(ListDefinitionsRequest req, StreamObserver<ListDefinitionsResponse> out) {
    GrpcCalls.unary(out, () -> {
      var b = ListDefinitionsResponse.newBuilder();
      for (String id : definitions.list()) {
        b.addDefinitionIds(id);
        if (req.getVerbose()) {
          definitionIfPresent(id, b);
        }
      }
      return b.build();
    });
  }

  @Override
  public void removeDefinition(RemoveDefinitionRequest req, StreamObserver<RemoveDefinitionResponse> out) {
    GrpcCalls.unary(out, () -> {
      definitions.remove(CallerContext.owner(), req.getDefinitionId(),
          intVersion(req.hasExpectedVersion(), req.getExpectedVersion()), req.getRequestId());
      return RemoveDefinitionResponse.getDefaultInstance();
    });
  }

  @Override
  public void addDomain(AddDomainRequest req, StreamObserver<Domain> out) {
    String owner = CallerContext.owner();
    GrpcCalls.unary(out, owner, req.getDomainId(), () -> ProtoMapper.domain(domains.add(
        DomainKey.of(owner, req.getDomainId()), req.getDefinitionId(), ProtoMapper.config(req.getConfig()),
        req.getSubscribersList().stream().map(ProtoMapper::subscriber).toList(), req.getRequestId())));
  }

  @Override
  public void describeDomain(DescribeDomainRequest req, StreamObserver<Domain> out) {
    String owner = CallerContext.owner();
    GrpcCalls.unary(out, owner, req.getDomainId(), () -> {
      var key = DomainKey.of(owner, req.getDomainId());
      return ProtoMapper.domain(req.getOmitInstances() ? domains.describeWithoutInstances(key)
          : domains.describe(key));
    });
  }

  @Override
  public void listDomains(ListDomainsRequest req, StreamObserver<ListDomainsResponse> out) {
    String owner = CallerContext.owner();
    GrpcCalls.unary(out, () -> {
      var b = ListDomainsResponse.newBuilder();
      for (DomainKey key : domains.list(owner)) {
        b.addDomainIds(key.domainId());
        if (req.getVerbose()) {
          domainIfPresent(key, b);
        }
      }
      return b.build();
    });
  }

  @Override
  public void reconfigureDomain(ReconfigureDomainRequest req, StreamObserver<Domain> out) {
    String owner = CallerContext.owner();
    GrpcCalls.unary(out, owner, req.getDomainId(), () -> ProtoMapper.domain(domains.reconfigure(
        DomainKey.of(owner, req.getDomainId()), ProtoMapper.config(req.getConfig()),
        req.hasExpectedVersion() ? req.getExpectedVersion() : Versioned.ANY, req.getRequestId())));
  }

  @Override
  public void removeDomain(RemoveDomainRequest req, StreamObserver<Domain> out) {
    String owner = CallerContext.owner();
    GrpcCalls.unary(out, owner, req.getDomainId(), () -> ProtoMapper.domain(domains.remove(
        DomainKey.of(owner, req.getDomainId()), req.hasExpectedVersion() ? req.getExpectedVersion() : Versioned.ANY,
        req.getRequestId())));
  }

  @Override
  public void subscribeDomain(SubscribeDomainRequest req, StreamObserver<SubscribeDomainResponse> out) {
    String owner = CallerContext.owner();
    GrpcCalls.unary(out, owner, req.getDomainId(), () -> {
      if (!req.hasSubscriber()) {
        throw EpumException.invalidArgument("subscriber is required: give its name and host:port endpoint");
      }
      List<org.epum.core.domain.Subscriber> after = domains.subscribe(DomainKey.of(owner, req.getDomainId()),
          ProtoMapper.subscriber(req.getSubscriber()), req.getRequestId());
      return SubscribeDomainResponse.newBuilder().addAllSubscribers(ProtoMapper.subscribers(after)).build();
    });
  }

  @Override
  public void unsubscribeDomain(UnsubscribeDomainRequest req, StreamObserver<UnsubscribeDomainResponse> out) {
    String owner = CallerContext.owner();
    GrpcCalls.unary(out, owner, req.getDomainId(), () -> {
      var after = domains.unsubscribe(DomainKey.of(owner, req.getDomainId()), req.getSubscriberName(),
          req.getRequestId());
      return UnsubscribeDomainResponse.newBuilder().addAllSubscribers(ProtoMapper.subscribers(after)).build();
    });
  }

  @Override
  public void watchDomain(org.epum.proto.v1.WatchDomainRequest req, StreamObserver<DomainEvent> out) {
    DomainKey key;
    try {
      key = DomainKey.of(CallerContext.owner(), req.getDomainId());
      if (req.getAfterSequence() < 0) {
        throw EpumException.invalidArgument("after_sequence must be >= 0 (0 starts at the oldest kept event)");
      }
      domains.describeWithoutInstances(key);
    } catch (RuntimeException e) {
      out.onError(GrpcCalls.toStatus(e));
      return;
    }
    var call = (ServerCallStreamObserver<DomainEvent>) out;
    var sink = new WatchSink(key, call);
    var watch = watches.open(key, req.getAfterSequence(), sink);
    call.setOnCancelHandler(watch::close);
    call.setOnReadyHandler(watch::wake);
    sink.started = true;
    watch.wake();
  }

  /** Sends a watch's events on its stream; holds back until the handlers are set, and while the client is slow. */
  private static final class WatchSink implements DomainEventWatches.Sink {
    private final DomainKey key;
    private final ServerCallStreamObserver<DomainEvent> call;
    volatile boolean started;

    WatchSink(DomainKey key, ServerCallStreamObserver<DomainEvent> call) {
      this.key = key;
      this.call = call;
    }

    @Override
    public boolean isReady() {
      return started && call.isReady();
    }

    @Override
    public void send(org.epum.core.events.DomainEvent event) {
      call.onNext(EventMapper.event(key, event));
    }

    @Override
    public void completed() {
      call.onCompleted();
    }

    @Override
    public void aborted(String why) {
      call.onError(Status.UNAVAILABLE.withDescription(why).asRuntimeException());
    }
  }

  @Override
  public void listDomainEvents(ListDomainEventsRequest req, StreamObserver<ListDomainEventsResponse> out) {
    String owner = CallerContext.owner();
    GrpcCalls.unary(out, owner, req.getDomainId(), () -> {
      var key = DomainKey.of(owner, req.getDomainId());
      domains.describeWithoutInstances(key);
      if (req.getLimit() < 0 || req.getAfterSequence() < 0) {
        throw EpumException.invalidArgument("limit and after_sequence must be >= 0");
      }
      int limit = req.getLimit() == 0 ? DEFAULT_EVENT_LIMIT : Math.min(req.getLimit(), MAX_EVENT_LIMIT);
      var b = ListDomainEventsResponse.newBuilder().setLastSequence(events.lastSequence(key));
      events.read(key, req.getAfterSequence(), limit).forEach(e -> b.addEvents(EventMapper.event(key, e)));
      return b.build();
    });
  }

  @Override
  public void planDomain(PlanDomainRequest req, StreamObserver<PlanDomainResponse> out) {
    out.onError(GrpcCalls.unimplemented("PlanDomain"));
  }

  /** A definition removed between list and describe is left out rather than failing the list. */
  private void definitionIfPresent(String id, ListDefinitionsResponse.Builder b) {
    try {
      b.addDefinitions(definition(definitions.describe(id)));
    } catch (EpumException e) {
      if (e.code() != org.epum.core.error.ErrorCode.NOT_FOUND) {
        throw e;
      }
    }
  }

  private void domainIfPresent(DomainKey key, ListDomainsResponse.Builder b) {
    try {
      b.addDomains(ProtoMapper.domain(domains.describeWithoutInstances(key)));
    } catch (EpumException e) {
      if (e.code() != org.epum.core.error.ErrorCode.NOT_FOUND) {
        throw e;
      }
    }
  }

  /** The definition with the documentation of the engine it selects (none when the name is unknown). */
  private Definition definition(org.epum.core.store.Versioned<org.epum.core.domain.DefinitionRecord> v) {
    String docs;
    try {
      docs = engines.documentation(v.value().config().get(org.epum.core.domain.DomainConfig.GENERAL, "engine_class")
          .map(String::valueOf).orElse(null));
    } catch (EpumException e) {
      docs = "";
    }
    return ProtoMapper.definition(v, docs);
  }

  private static int intVersion(boolean present, long version) {
    if (!present) {
      return Versioned.ANY;
    }
    if (version < 0 || version > Integer.MAX_VALUE) {
      throw EpumException.invalidArgument("expected_version " + version + " is not a version; versions are >= 0");
    }
    return (int) version;
  }
}
