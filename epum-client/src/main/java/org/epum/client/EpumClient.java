package org.epum.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.epum.proto.v1.Definition;
import org.epum.proto.v1.Domain;
import org.epum.proto.v1.GetLeadersResponse;
import org.epum.proto.v1.ListDefinitionsResponse;
import org.epum.proto.v1.ListDomainEventsResponse;
import org.epum.proto.v1.ListDomainsResponse;
import org.epum.proto.v1.PlanDomainResponse;
import org.epum.proto.v1.RunDeciderResponse;
import org.epum.proto.v1.RunDoctorResponse;
import org.epum.proto.v1.RunReaperResponse;
import org.epum.proto.v1.ServerStatus;
import org.epum.proto.v1.SetClockResponse;
import org.epum.proto.v1.SubscribeDomainResponse;
import org.epum.proto.v1.SubscriberRef;
import org.epum.proto.v1.UnsubscribeDomainResponse;

/**
 * A client of one EPUM server: the EpuManagement and EpumAdmin APIs (see {@code proto/epum/v1}).
 *
 * <p>Every method is a blocking call with the client's deadline, except the watches. Config goes in
 * as plain {@code Map<String, Object>} sections ({@code general}, {@code health},
 * {@code engine_conf}, ...) and comes back inside the proto messages as a Struct; use {@link
 * ConfigStructs#toMap} to read it. Every failure is an {@link EpumClientException} carrying the
 * gRPC status code. Implementations are thread-safe; {@link #close()} releases the connection.
 */
public interface EpumClient extends AutoCloseable {

  // ---- Definitions (create, update and remove need the admin role) ----

  /** Creates a global definition; ALREADY_EXISTS if taken. Takes no expected version. */
  Definition createDefinition(
      String definitionId, Map<String, ?> config, String description, WriteOptions options);

  /** Replaces a definition's config whole (and its description when non-empty). */
  Definition updateDefinition(
      String definitionId, Map<String, ?> config, String description, WriteOptions options);

  Definition describeDefinition(String definitionId);

  /** Sorted ids; full definitions too when {@code verbose}. */
  ListDefinitionsResponse listDefinitions(boolean verbose);

  void removeDefinition(String definitionId, WriteOptions options);

  // ---- Domains (the caller's own, or the act-as owner's) ----

  /** Creates a domain from a definition merged with {@code config}. No expected version. */
  Domain addDomain(
      String domainId,
      String definitionId,
      Map<String, ?> config,
      List<SubscriberRef> subscribers,
      WriteOptions options);

  /** The domain with its instances. */
  Domain describeDomain(String domainId);

  /** The domain, leaving out its instances when {@code omitInstances} (cheaper). */
  Domain describeDomain(String domainId, boolean omitInstances);

  /** Sorted ids; domains (without instances) too when {@code verbose}. */
  ListDomainsResponse listDomains(boolean verbose);

  /** Merges {@code config} into the stored config section by section; bumps config_version. */
  Domain reconfigureDomain(String domainId, Map<String, ?> config, WriteOptions options);

  /** Marks the domain REMOVING; the expected version is checked against config_version. */
  Domain removeDomain(String domainId, WriteOptions options);

  SubscribeDomainResponse subscribeDomain(
      String domainId, SubscriberRef subscriber, WriteOptions options);

  UnsubscribeDomainResponse unsubscribeDomain(
      String domainId, String subscriberName, WriteOptions options);

  // ---- Events ----

  /** Kept events with a sequence above {@code afterSequence}, oldest first; limit 0 = default. */
  ListDomainEventsResponse listDomainEvents(String domainId, long afterSequence, int limit);

  /**
   * Streams the domain's events after {@code afterSequence} (0 = from the oldest kept). The
   * stream has no deadline; close the returned watch to end it. Its methods block.
   */
  DomainWatch watchDomain(String domainId, long afterSequence);

  /**
   * Streams events to {@code listener} on a gRPC thread, which must not block for long. Returns
   * at once; close the handle to cancel.
   */
  WatchHandle watchDomain(String domainId, long afterSequence, DomainEventListener listener);

  /** Dry run: what the domain's engine would do now. */
  PlanDomainResponse planDomain(String domainId);

  // ---- Admin (admin role; the run/clock calls need external-decide mode) ----

  RunDeciderResponse runDecider();

  /** Runs one doctor pass at the server's current clock. */
  RunDoctorResponse runDoctor();

  /** Sets the manual clock to {@code at}, then runs one doctor pass. */
  RunDoctorResponse runDoctor(Instant at);

  /** Runs one reaper pass at the server's current clock. */
  RunReaperResponse runReaper();

  /** Sets the manual clock to {@code at}, then runs one reaper pass. */
  RunReaperResponse runReaper(Instant at);

  SetClockResponse setClock(Instant at);

  GetLeadersResponse getLeaders();

  ServerStatus getServerStatus();

  /** The DTRS's deployable type names. */
  org.epum.proto.v1.ListDeployableTypesResponse listDeployableTypes();

  org.epum.proto.v1.DeployableType describeDeployableType(String name);

  /** The DTRS's site names. */
  org.epum.proto.v1.ListSitesResponse listSites();

  org.epum.proto.v1.Site describeSite(String name);

  /** Sim fault: the instance's VM dies (the sim driver of the embedded provisioner only). */
  org.epum.proto.v1.SimFaultResponse simKill(String instanceId);

  /** Sim fault: the site fails every launch while {@code failing}. */
  org.epum.proto.v1.SimFaultResponse simFailSite(String site, boolean failing);

  /** Sim fault: the instance's agent stops heartbeating while {@code silent}. */
  org.epum.proto.v1.SimFaultResponse simSilence(String instanceId, boolean silent);

  /** Sim fault: the instance's agent reports PROCESS_ERROR with the message; null clears it. */
  org.epum.proto.v1.SimFaultResponse simProcessError(String instanceId, String message);

  /** Releases the connection if this client owns it. Does not throw. */
  @Override
  void close();
}
