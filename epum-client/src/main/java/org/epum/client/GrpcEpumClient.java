package org.epum.client;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.epum.proto.v1.*;

/**
 * {@link EpumClient} over a gRPC channel.
 *
 * <p>Build one with {@link #builder(String)} (it creates and owns a plaintext channel to a target
 * such as {@code localhost:7650}) or {@link #forChannel(Channel)} (it uses a channel the caller
 * owns, e.g. an in-process one in tests). Every call carries the bearer token and act-as owner
 * configured on the builder as metadata, and every unary call gets the configured deadline.
 */
public final class GrpcEpumClient implements EpumClient {
  /** The deadline of a unary call unless the builder says otherwise. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

  private final Channel channel;
  private final ManagedChannel ownedChannel;
  private final Duration deadline;

  private GrpcEpumClient(Builder b) {
    this.ownedChannel = b.ownedChannel;
    this.channel = ClientInterceptors.intercept(b.channel, new CallerMetadata(b.token, b.actAs));
    this.deadline = b.deadline;
  }

  /** A builder whose client creates, and on close shuts down, a plaintext channel to target. */
  public static Builder builder(String target) {
    requireNonNull(target, "target");
    ManagedChannel ch = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
    return new Builder(ch, ch);
  }

  /** A builder whose client uses {@code channel} and leaves its shutdown to the caller. */
  public static Builder forChannel(Channel channel) {
    return new Builder(requireNonNull(channel, "channel"), null);
  }

  // ---- Definitions ----

  @Override
  public Definition createDefinition(
      String definitionId, Map<String, ?> config, String description, WriteOptions options) {
    noExpectedVersion(options, "createDefinition");
    var req = CreateDefinitionRequest.newBuilder().setDefinitionId(definitionId)
        .setConfig(ConfigStructs.toStruct(config)).setDescription(nullToEmpty(description))
        .setRequestId(options.requestId()).build();
    return call(() -> management().createDefinition(req));
  }

  @Override
  public Definition updateDefinition(
      String definitionId, Map<String, ?> config, String description, WriteOptions options) {
    var req = UpdateDefinitionRequest.newBuilder().setDefinitionId(definitionId)
        .setConfig(ConfigStructs.toStruct(config)).setDescription(nullToEmpty(description))
        .setRequestId(options.requestId());
    options.expectedVersion().ifPresent(req::setExpectedVersion);
    return call(() -> management().updateDefinition(req.build()));
  }

  @Override
  public Definition describeDefinition(String definitionId) {
    var req = DescribeDefinitionRequest.newBuilder().setDefinitionId(definitionId).build();
    return call(() -> management().describeDefinition(req));
  }

  @Override
  public ListDefinitionsResponse listDefinitions(boolean verbose) {
    var req = ListDefinitionsRequest.newBuilder().setVerbose(verbose).build();
    return call(() -> management().listDefinitions(req));
  }

  @Override
  public void removeDefinition(String definitionId, WriteOptions options) {
    var req = RemoveDefinitionRequest.newBuilder().setDefinitionId(definitionId)
        .setRequestId(options.requestId());
    options.expectedVersion().ifPresent(req::setExpectedVersion);
    call(() -> management().removeDefinition(req.build()));
  }

  // ---- Domains ----

  @Override
  public Domain addDomain(String domainId, String definitionId, Map<String, ?> config,
      List<SubscriberRef> subscribers, WriteOptions options) {
    noExpectedVersion(options, "addDomain");
    var req = AddDomainRequest.newBuilder().setDomainId(domainId).setDefinitionId(definitionId)
        .setConfig(ConfigStructs.toStruct(config)).addAllSubscribers(subscribers)
        .setRequestId(options.requestId()).build();
    return call(() -> management().addDomain(req));
  }

  @Override
  public Domain describeDomain(String domainId) {
    return describeDomain(domainId, false);
  }

  @Override
  public Domain describeDomain(String domainId, boolean omitInstances) {
    var req = DescribeDomainRequest.newBuilder().setDomainId(domainId)
        .setOmitInstances(omitInstances).build();
    return call(() -> management().describeDomain(req));
  }

  @Override
  public ListDomainsResponse listDomains(boolean verbose) {
    var req = ListDomainsRequest.newBuilder().setVerbose(verbose).build();
    return call(() -> management().listDomains(req));
  }

  @Override
  public Domain reconfigureDomain(String domainId, Map<String, ?> config, WriteOptions options) {
    var req = ReconfigureDomainRequest.newBuilder().setDomainId(domainId)
        .setConfig(ConfigStructs.toStruct(config)).setRequestId(options.requestId());
    options.expectedVersion().ifPresent(req::setExpectedVersion);
    return call(() -> management().reconfigureDomain(req.build()));
  }

  @Override
  public Domain removeDomain(String domainId, WriteOptions options) {
    var req = RemoveDomainRequest.newBuilder().setDomainId(domainId)
        .setRequestId(options.requestId());
    options.expectedVersion().ifPresent(req::setExpectedVersion);
    return call(() -> management().removeDomain(req.build()));
  }

  @Override
  public SubscribeDomainResponse subscribeDomain(
      String domainId, SubscriberRef subscriber, WriteOptions options) {
    noExpectedVersion(options, "subscribeDomain");
    var req = SubscribeDomainRequest.newBuilder().setDomainId(domainId).setSubscriber(subscriber)
        .setRequestId(options.requestId()).build();
    return call(() -> management().subscribeDomain(req));
  }

  @Override
  public UnsubscribeDomainResponse unsubscribeDomain(
      String domainId, String subscriberName, WriteOptions options) {
    noExpectedVersion(options, "unsubscribeDomain");
    var req = UnsubscribeDomainRequest.newBuilder().setDomainId(domainId)
        .setSubscriberName(subscriberName).setRequestId(options.requestId()).build();
    return call(() -> management().unsubscribeDomain(req));
  }

  // ---- Events ----

  @Override
  public ListDomainEventsResponse listDomainEvents(String domainId, long afterSequence, int limit) {
    var req = ListDomainEventsRequest.newBuilder().setDomainId(domainId)
        .setAfterSequence(afterSequence).setLimit(limit).build();
    return call(() -> management().listDomainEvents(req));
  }

  @Override
  public DomainWatch watchDomain(String domainId, long afterSequence) {
    var req = watchRequest(domainId, afterSequence);
    // No deadline: a watch lives until closed. Our own ClientCall lets close() cancel it.
    return call(() -> new DomainWatch(
        channel.newCall(EpuManagementGrpc.getWatchDomainMethod(), CallOptions.DEFAULT), req));
  }

  @Override
  public WatchHandle watchDomain(
      String domainId, long afterSequence, DomainEventListener listener) {
    var watch = new CallbackWatch(requireNonNull(listener, "listener"));
    var req = watchRequest(domainId, afterSequence);
    call(() -> {
      ClientCalls.asyncServerStreamingCall(
          channel.newCall(EpuManagementGrpc.getWatchDomainMethod(), CallOptions.DEFAULT),
          req, watch);
      return null;
    });
    return watch;
  }

  @Override
  public PlanDomainResponse planDomain(String domainId) {
    var req = PlanDomainRequest.newBuilder().setDomainId(domainId).build();
    return call(() -> management().planDomain(req));
  }

  // ---- Admin ----

  @Override
  public RunDeciderResponse runDecider() {
    return call(() -> admin().runDecider(RunDeciderRequest.getDefaultInstance()));
  }

  @Override
  public RunDoctorResponse runDoctor() {
    return call(() -> admin().runDoctor(RunDoctorRequest.getDefaultInstance()));
  }

  @Override
  public RunDoctorResponse runDoctor(Instant at) {
    var req = RunDoctorRequest.newBuilder().setAt(timestamp(at)).build();
    return call(() -> admin().runDoctor(req));
  }

  @Override
  public RunReaperResponse runReaper() {
    return call(() -> admin().runReaper(RunReaperRequest.getDefaultInstance()));
  }

  @Override
  public RunReaperResponse runReaper(Instant at) {
    var req = RunReaperRequest.newBuilder().setAt(timestamp(at)).build();
    return call(() -> admin().runReaper(req));
  }

  @Override
  public SetClockResponse setClock(Instant at) {
    var req = SetClockRequest.newBuilder().setAt(timestamp(at)).build();
    return call(() -> admin().setClock(req));
  }

  @Override
  public GetLeadersResponse getLeaders() {
    return call(() -> admin().getLeaders(GetLeadersRequest.getDefaultInstance()));
  }

  @Override
  public ServerStatus getServerStatus() {
    return call(() -> admin().getServerStatus(GetServerStatusRequest.getDefaultInstance()));
  }

  @Override
  public org.epum.proto.v1.ListDeployableTypesResponse listDeployableTypes() {
    return call(() -> dtrs().listDeployableTypes(org.epum.proto.v1.ListDeployableTypesRequest.getDefaultInstance()));
  }

  @Override
  public org.epum.proto.v1.DeployableType describeDeployableType(String name) {
    return call(() -> dtrs().describeDeployableType(org.epum.proto.v1.DescribeDeployableTypeRequest.newBuilder()
        .setName(nullToEmpty(name)).build()));
  }

  @Override
  public org.epum.proto.v1.ListSitesResponse listSites() {
    return call(() -> dtrs().listSites(org.epum.proto.v1.ListSitesRequest.getDefaultInstance()));
  }

  @Override
  public org.epum.proto.v1.Site describeSite(String name) {
    return call(() -> dtrs().describeSite(org.epum.proto.v1.DescribeSiteRequest.newBuilder()
        .setName(nullToEmpty(name)).build()));
  }

  @Override
  public org.epum.proto.v1.SimFaultResponse simKill(String instanceId) {
    return call(() -> sim().killInstance(org.epum.proto.v1.KillInstanceRequest.newBuilder()
        .setInstanceId(nullToEmpty(instanceId)).build()));
  }

  @Override
  public org.epum.proto.v1.SimFaultResponse simFailSite(String site, boolean failing) {
    return call(() -> sim().failSite(org.epum.proto.v1.FailSiteRequest.newBuilder().setSite(nullToEmpty(site))
        .setFailing(failing).build()));
  }

  @Override
  public org.epum.proto.v1.SimFaultResponse simSilence(String instanceId, boolean silent) {
    return call(() -> sim().silenceAgent(org.epum.proto.v1.SilenceAgentRequest.newBuilder()
        .setInstanceId(nullToEmpty(instanceId)).setSilent(silent).build()));
  }

  @Override
  public org.epum.proto.v1.SimFaultResponse simProcessError(String instanceId, String message) {
    return call(() -> sim().reportProcessError(org.epum.proto.v1.ReportProcessErrorRequest.newBuilder()
        .setInstanceId(nullToEmpty(instanceId)).setMessage(nullToEmpty(message)).setClear(message == null).build()));
  }

  @Override
  public void close() {
    if (ownedChannel == null) {
      return;
    }
    ownedChannel.shutdown();
    try {
      if (!ownedChannel.awaitTermination(5, TimeUnit.SECONDS)) {
        ownedChannel.shutdownNow();
      }
    } catch (InterruptedException e) {
      ownedChannel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  // ---- plumbing ----

  /** Every RPC goes through here, so every failure is translated in exactly one way. */
  private static <T> T call(Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (RuntimeException e) {
      throw EpumClientException.fromThrowable(e);
    }
  }

  /** A fresh stub per call: a deadline is absolute, so it cannot be set once on a shared stub. */
  private EpuManagementGrpc.EpuManagementBlockingStub management() {
    return EpuManagementGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
  }

  private org.epum.proto.v1.DtrsGrpc.DtrsBlockingStub dtrs() {
    return org.epum.proto.v1.DtrsGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
  }

  private org.epum.proto.v1.SimGrpc.SimBlockingStub sim() {
    return org.epum.proto.v1.SimGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
  }

  private EpumAdminGrpc.EpumAdminBlockingStub admin() {
    return EpumAdminGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static WatchDomainRequest watchRequest(String domainId, long afterSequence) {
    return WatchDomainRequest.newBuilder().setDomainId(domainId)
        .setAfterSequence(afterSequence).build();
  }

  private static Timestamp timestamp(Instant at) {
    requireNonNull(at, "at");
    return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
  }

  private static void noExpectedVersion(WriteOptions options, String operation) {
    if (options.expectedVersion().isPresent()) {
      throw new IllegalArgumentException(operation + " takes no expected version");
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Configures a {@link GrpcEpumClient}. Not thread-safe; build once. */
  public static final class Builder {
    private final Channel channel;
    private final ManagedChannel ownedChannel;
    private String token;
    private String actAs;
    private Duration deadline = DEFAULT_DEADLINE;

    private Builder(Channel channel, ManagedChannel ownedChannel) {
      this.channel = channel;
      this.ownedChannel = ownedChannel;
    }

    /** Sends {@code authorization: Bearer <token>} on every call; null or blank sends none. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** Sends {@code epum-act-as: <owner>} on every call (admins only); null or blank sends none. */
    public Builder actAs(String owner) {
      this.actAs = owner;
      return this;
    }

    /** The deadline of each unary call; must be positive. Watches have none. */
    public Builder deadline(Duration deadline) {
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("deadline must be > 0, got " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    public GrpcEpumClient build() {
      return new GrpcEpumClient(this);
    }
  }
}
