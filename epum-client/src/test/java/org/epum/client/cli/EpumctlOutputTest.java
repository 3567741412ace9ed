package org.epum.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.ListDomainsResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EpumctlOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The documented shape of {@code domain describe -o json}. */
  private static final String DESCRIBE_JSON = """
      {
        "owner": "alice",
        "domain_id": "d1",
        "definition_id": "def1",
        "config": {
          "engine_conf": {"preserve_n": 2, "ratio": 0.5},
          "general": {"engine_class": "simplest"}
        },
        "config_version": 3,
        "lifecycle": "ACTIVE",
        "engine_state": "PENDING",
        "instances": [{
          "instance_id": "i-1", "launch_id": "l-1", "deployable_type": "dt",
          "site": "ec2-east", "allocation": "small",
          "state": "600-RUNNING", "state_time": "2024-05-01T00:01:00Z",
          "health": "OK", "errors": [], "error_time": null, "extravars": {},
          "agent_address": "", "last_heartbeat": null, "sensor_data": {},
          "iaas_id": "", "public_ip": "10.0.0.1", "private_ip": "", "hostname": "",
          "update_counter": 5, "properties": {}, "last_attempt": null
        }],
        "subscribers": [{"name": "s1", "endpoint": "h:9"}],
        "create_time": "2024-05-01T00:00:00Z",
        "update_time": "2024-05-01T00:01:00Z"
      }
      """;

  private CliHarness cli;

  @BeforeEach
  void start() {
    cli = new CliHarness();
    cli.replies().reply("describeDomain", req -> {
      String id = ((DescribeDomainRequest) req).getDomainId();
      return id.equals("gone")
          ? Status.NOT_FOUND.withDescription("gone")
          : TestDomains.domain(id, id.equals("d1") ? 1 : 0);
    });
    cli.replies().reply("listDomains",
        ListDomainsResponse.newBuilder().addDomainIds("d1").addDomainIds("gone")
            .addDomainIds("d2").build());
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void describeJsonHasTheDocumentedShapeAndKeyOrder() throws Exception {
    CliHarness.Result r = cli.run("domain", "describe", "d1", "-o", "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode actual = JSON.readTree(r.out());
    JsonNode expected = JSON.readTree(DESCRIBE_JSON);
    assertThat(actual).isEqualTo(expected);
    assertThat(fieldNames(actual)).isEqualTo(fieldNames(expected));
    assertThat(fieldNames(actual.get("instances").get(0)))
        .isEqualTo(fieldNames(expected.get("instances").get(0)));
    assertThat(actual.at("/config/engine_conf/preserve_n").isIntegralNumber()).isTrue();
  }

  @Test
  void yamlIsTheSameDocument() throws Exception {
    CliHarness.Result r = cli.run("domain", "describe", "d1", "-o", "yaml");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).doesNotStartWith("---").contains("state: 600-RUNNING");
    assertThat(YAML.readTree(r.out())).isEqualTo(JSON.readTree(DESCRIBE_JSON));
  }

  @Test
  void listJsonIsAnArrayOfDescribedDomainsSkippingOnesRemovedMeanwhile() throws Exception {
    CliHarness.Result r = cli.run("domain", "list", "-o", "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode list = JSON.readTree(r.out());
    assertThat(list.isArray()).isTrue();
    assertThat(list).hasSize(2);
    assertThat(list.get(0)).isEqualTo(JSON.readTree(DESCRIBE_JSON));
    assertThat(list.get(1).get("domain_id").asText()).isEqualTo("d2");
  }

  @Test
  void listTableHasAlignedColumns() {
    CliHarness.Result r = cli.run("domain", "list");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("""
        DOMAIN  DEFINITION  LIFECYCLE  ENGINE STATE  INSTANCES  CONFIG VERSION
        d1      def1        ACTIVE     PENDING       1          3
        d2      def1        ACTIVE     PENDING       0          3
        """);
  }

  @Test
  void describeTableShowsHeaderConfigAndInstances() {
    CliHarness.Result r = cli.run("domain", "describe", "d1");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("""
        Domain:          d1
        Owner:           alice
        Definition:      def1
        Lifecycle:       ACTIVE
        Engine state:    PENDING
        Config version:  3
        Created:         2024-05-01T00:00:00Z
        Updated:         2024-05-01T00:01:00Z
        Subscribers:     s1=h:9
        Config:
          engine_conf:
            preserve_n: 2
            ratio: 0.5
          general:
            engine_class: simplest
        Instances (1):
        ID   STATE        HEALTH  SITE      PUBLIC IP
        i-1  600-RUNNING  OK      ec2-east  10.0.0.1
        """);
  }

  @Test
  void mutationsInJsonPrintTheReturnedObject() throws Exception {
    cli.replies().reply("removeDomain", TestDomains.domain("d1", 0).toBuilder()
        .setLifecycle(org.epum.proto.v1.DomainLifecycle.DOMAIN_LIFECYCLE_REMOVING).build());

    CliHarness.Result json = cli.run("domain", "remove", "d1", "-o", "json");
    CliHarness.Result table = cli.run("domain", "remove", "d1");

    assertThat(JSON.readTree(json.out()).get("lifecycle").asText()).isEqualTo("REMOVING");
    assertThat(table.out()).startsWith("domain d1 removing (lifecycle REMOVING");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
