package org.epum.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.failsWith;
import static org.epum.server.testing.Protos.struct;

import io.grpc.Status;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.Domain;
import org.epum.proto.v1.DomainLifecycle;
import org.epum.proto.v1.ListDomainsRequest;
import org.epum.proto.v1.ReconfigureDomainRequest;
import org.epum.proto.v1.RemoveDomainRequest;
import org.epum.proto.v1.SubscribeDomainRequest;
import org.epum.proto.v1.SubscriberRef;
import org.epum.proto.v1.UnsubscribeDomainRequest;
import org.epum.server.testing.ServerITBase;
import org.junit.jupiter.api.Test;

/** Scenarios 4-7, 9, 10 and bad input on domains, through the gRPC API on ZooKeeper. */
class DomainsIT extends ServerITBase {
  private static final String SIMPLEST = """
      {"general": {"engine_class": "simplest"}, "health": {"monitor_health": false},
       "engine_conf": {"preserve_n": 0}}""";

  @Test
  void scenario4_unknownDefinitionCreatesNothing() {
    var api = server.as("owner1").management();
    String message = failsWith(Status.Code.NOT_FOUND, () -> api.addDomain(add("d1", "nope", "{}")));
    assertThat(message).contains("definition nope");
    assertThat(api.listDomains(ListDomainsRequest.getDefaultInstance()).getDomainIdsList()).isEmpty();
  }

  @Test
  void scenario5_removeUnknownDomainIsNotFound() {
    var api = server.as("owner1").management();
    failsWith(Status.Code.NOT_FOUND, () -> api.removeDomain(remove("ghost")));
  }

  @Test
  void scenario6_domainsAreNamespacedPerOwner() {
    definition("def", SIMPLEST);
    var caller01 = server.as("caller01").management();
    var caller02 = server.as("caller02").management();
    caller01.addDomain(add("testing01", "def", "{}"));
    failsWith(Status.Code.ALREADY_EXISTS, () -> caller01.addDomain(add("testing01", "def", "{}")));
    caller02.addDomain(add("testing01", "def", "{}"));
    assertThat(caller01.describeDomain(describe("testing01")).getOwner()).isEqualTo("caller01");
    assertThat(caller02.describeDomain(describe("testing01")).getOwner()).isEqualTo("caller02");
  }

  @Test
  void scenario7_anotherOwnersDomainIsInvisible() {
    definition("def", SIMPLEST);
    var asterix = server.as("asterix").management();
    var cacaphonix = server.as("cacaphonix").management();
    asterix.addDomain(add("testing123", "def", "{}"));

    failsWith(Status.Code.NOT_FOUND, () -> cacaphonix.describeDomain(describe("testing123")));
    assertThat(cacaphonix.listDomains(ListDomainsRequest.getDefaultInstance()).getDomainIdsList()).isEmpty();
    failsWith(Status.Code.NOT_FOUND, () -> cacaphonix.reconfigureDomain(reconfigure("testing123", "{}")));
    failsWith(Status.Code.NOT_FOUND, () -> cacaphonix.removeDomain(remove("testing123")));

    assertThat(asterix.describeDomain(describe("testing123")).getDomainId()).isEqualTo("testing123");
    assertThat(asterix.listDomains(ListDomainsRequest.getDefaultInstance()).getDomainIdsList()).hasSize(1);
    asterix.reconfigureDomain(reconfigure("testing123", "{}"));
    assertThat(asterix.removeDomain(remove("testing123")).getLifecycle())
        .isEqualTo(DomainLifecycle.DOMAIN_LIFECYCLE_REMOVING);
  }

  @Test
  void scenario9_typedConfigRoundTrip() {
    definition("def", "{}");
    var api = server.as("owner1").management();
    api.addDomain(add("d", "def", """
        {"general": {"engine_class": "simplest"}, "engine_conf": {"preserve_n": 2},
         "health": {"monitor_health": false}}"""));
    var config = api.describeDomain(describe("d")).getConfig();
    assertThat(config.getFieldsOrThrow("engine_conf").getStructValue().getFieldsOrThrow("preserve_n")
        .getNumberValue()).isEqualTo(2.0);
    assertThat(config.getFieldsOrThrow("health").getStructValue().getFieldsOrThrow("monitor_health")
        .getBoolValue()).isFalse();
    assertThat(config.getFieldsOrThrow("general").getStructValue().getFieldsOrThrow("engine_class")
        .getStringValue()).isEqualTo("simplest");
    var stored = server.store().domain(new org.epum.core.domain.DomainKey("owner1", "d")).orElseThrow();
    assertThat(stored.value().config().get("engine_conf", "preserve_n")).contains(2L);
  }

  @Test
  void scenario10_shallowMergeOnReconfigure() {
    definition("needydef", "{\"general\": {\"engine_class\": \"needy\"}}");
    var api = server.as("owner1").management();
    var added = api.addDomain(add("d", "needydef", "{\"engine_conf\": {}}"));
    assertThat(engineConf(added)).isEqualTo(struct("{}"));

    api.reconfigureDomain(reconfigure("d", """
        {"engine_conf": {"a_string": "thisisastring", "a_list": [1, 2, 3], "a_number": 1.23}}"""));
    assertThat(engineConf(api.describeDomain(describe("d")))).isEqualTo(struct("""
        {"a_string": "thisisastring", "a_list": [1, 2, 3], "a_number": 1.23}"""));

    var after = api.reconfigureDomain(reconfigure("d", """
        {"engine_conf": {"a_dict": {"akey": {"fpp": "bar"}, "blah": 5}, "a_list": [4, 5, 6]}}"""));
    assertThat(engineConf(after)).isEqualTo(struct("""
        {"a_string": "thisisastring", "a_list": [4, 5, 6], "a_number": 1.23,
         "a_dict": {"akey": {"fpp": "bar"}, "blah": 5}}"""));
    assertThat(after.getConfigVersion()).isEqualTo(3);
  }

  @Test
  void describeShowsMergedConfigVersionAndRemovingState() {
    definition("def", SIMPLEST + "");
    var api = server.as("owner1").management();
    var added = api.addDomain(add("d", "def", "{\"engine_conf\": {\"preserve_n\": 2}}"));
    assertThat(added.getConfig()).isEqualTo(struct("""
        {"general": {"engine_class": "simplest"}, "health": {"monitor_health": false},
         "engine_conf": {"preserve_n": 2}}"""));
    assertThat(added.getConfigVersion()).isEqualTo(1);
    assertThat(added.getLifecycle()).isEqualTo(DomainLifecycle.DOMAIN_LIFECYCLE_ACTIVE);
    assertThat(added.getInstancesList()).isEmpty();
    api.removeDomain(remove("d"));
    assertThat(api.describeDomain(describe("d")).getLifecycle()).isEqualTo(DomainLifecycle.DOMAIN_LIFECYCLE_REMOVING);
    assertThat(api.removeDomain(remove("d")).getLifecycle()).isEqualTo(DomainLifecycle.DOMAIN_LIFECYCLE_REMOVING);
    failsWith(Status.Code.FAILED_PRECONDITION, () -> api.reconfigureDomain(reconfigure("d", "{}")));
  }

  @Test
  void badInputAnswersTheRightStatusAndChangesNothing() {
    definition("def", SIMPLEST);
    var api = server.as("owner1").management();
    api.addDomain(add("d", "def", "{\"engine_conf\": {\"preserve_n\": 2}}"));
    Domain before = api.describeDomain(describe("d"));

    for (String bad : new String[] {"a/b", "", "x".repeat(65), ".."}) {
      assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> api.addDomain(add(bad, "def", "{}"))))
          .contains("domain_id");
    }
    failsWith(Status.Code.INVALID_ARGUMENT, () -> api.addDomain(add("ok", "a/b", "{}")));
    failsWith(Status.Code.INVALID_ARGUMENT, () -> api.addDomain(add("ok", "def", "{\"engine_conf\": 5}")));
    failsWith(Status.Code.INVALID_ARGUMENT, () -> api.reconfigureDomain(reconfigure("d", "{\"engine_conf\": [1]}")));
    String typed = failsWith(Status.Code.INVALID_ARGUMENT,
        () -> api.reconfigureDomain(reconfigure("d", "{\"health\": {\"missing_timeout\": \"soon\"}}")));
    assertThat(typed).contains("health.missing_timeout").contains("number");
    failsWith(Status.Code.ALREADY_EXISTS, () -> api.addDomain(add("d", "def", "{}")));
    failsWith(Status.Code.NOT_FOUND, () -> api.describeDomain(describe("nope")));
    String stale = failsWith(Status.Code.ABORTED, () -> api.reconfigureDomain(reconfigure("d",
        "{\"engine_conf\": {\"preserve_n\": 3}}").toBuilder().setExpectedVersion(7).build()));
    assertThat(stale).contains("config_version 1");
    failsWith(Status.Code.ABORTED, () -> api.removeDomain(remove("d").toBuilder().setExpectedVersion(0).build()));
    failsWith(Status.Code.INVALID_ARGUMENT, () -> api.subscribeDomain(SubscribeDomainRequest.newBuilder()
        .setDomainId("d").setSubscriber(SubscriberRef.newBuilder().setName("s").setEndpoint("no-port")).build()));

    assertThat(api.describeDomain(describe("d"))).isEqualTo(before);
    assertThat(api.listDomains(ListDomainsRequest.getDefaultInstance()).getDomainIdsList()).containsExactly("d");
  }

  @Test
  void reconfigureWithMatchingExpectedVersionApplies() {
    definition("def", SIMPLEST);
    var api = server.as("owner1").management();
    api.addDomain(add("d", "def", "{}"));
    var after = api.reconfigureDomain(reconfigure("d", "{\"engine_conf\": {\"preserve_n\": 3}}").toBuilder()
        .setExpectedVersion(1).build());
    assertThat(after.getConfigVersion()).isEqualTo(2);
  }

  @Test
  void retriedReconfigureWithTheSameRequestIdAppliesOnce() {
    definition("def", SIMPLEST);
    var api = server.as("owner1").management();
    api.addDomain(add("d", "def", "{}"));
    var request = reconfigure("d", "{\"engine_conf\": {\"preserve_n\": 3}}").toBuilder().setRequestId("r1").build();
    api.reconfigureDomain(request);
    var retried = api.reconfigureDomain(request);
    assertThat(retried.getConfigVersion()).isEqualTo(2);
  }

  @Test
  void subscribersAreKeptInOrderAndRemovedByName() {
    definition("def", SIMPLEST);
    var api = server.as("owner1").management();
    api.addDomain(add("d", "def", "{}").toBuilder()
        .addSubscribers(SubscriberRef.newBuilder().setName("first").setEndpoint("localhost:7001")).build());
    api.subscribeDomain(SubscribeDomainRequest.newBuilder().setDomainId("d")
        .setSubscriber(SubscriberRef.newBuilder().setName("second").setEndpoint("localhost:7002")).build());
    assertThat(api.describeDomain(describe("d")).getSubscribersList()).extracting(SubscriberRef::getName)
        .containsExactly("first", "second");
    api.unsubscribeDomain(UnsubscribeDomainRequest.newBuilder().setDomainId("d").setSubscriberName("first").build());
    assertThat(api.describeDomain(describe("d")).getSubscribersList()).extracting(SubscriberRef::getName)
        .containsExactly("second");
    failsWith(Status.Code.NOT_FOUND, () -> api.unsubscribeDomain(UnsubscribeDomainRequest.newBuilder()
        .setDomainId("d").setSubscriberName("first").build()));
  }

  @Test
  void notYetImplementedOperationsSayWhich() {
    var api = server.as("owner1").management();
    String message = failsWith(Status.Code.UNIMPLEMENTED, () -> api.planDomain(
        org.epum.proto.v1.PlanDomainRequest.newBuilder().setDomainId("d").build()));
    assertThat(message).contains("PlanDomain");
  }

  private void definition(String id, String json) {
    server.stubs().management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId(id)
        .setConfig(struct(json)).build());
  }

  private static com.google.protobuf.Struct engineConf(Domain d) {
    return d.getConfig().getFieldsOrThrow("engine_conf").getStructValue();
  }

  static AddDomainRequest add(String id, String definition, String config) {
    return AddDomainRequest.newBuilder().setDomainId(id).setDefinitionId(definition).setConfig(struct(config)).build();
  }

  static DescribeDomainRequest describe(String id) {
    return DescribeDomainRequest.newBuilder().setDomainId(id).build();
  }

  static ReconfigureDomainRequest reconfigure(String id, String config) {
    return ReconfigureDomainRequest.newBuilder().setDomainId(id).setConfig(struct(config)).build();
  }

  static RemoveDomainRequest remove(String id) {
    return RemoveDomainRequest.newBuilder().setDomainId(id).build();
  }

}
