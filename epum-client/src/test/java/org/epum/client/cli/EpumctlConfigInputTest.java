package org.epum.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.epum.client.ConfigStructs;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.Definition;
import org.epum.proto.v1.Domain;
import org.epum.proto.v1.ReconfigureDomainRequest;
import org.epum.proto.v1.SubscriberRef;
import org.epum.proto.v1.UpdateDefinitionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpumctlConfigInputTest {
  @TempDir Path dir;
  private CliHarness cli;

  @BeforeEach
  void start() {
    cli = new CliHarness();
    cli.replies().reply("addDomain", Domain.newBuilder().setDomainId("d1").setConfigVersion(1).build());
    cli.replies().reply("reconfigureDomain", Domain.newBuilder().setDomainId("d1").build());
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void setsApplyOnTopOfTheFileInOrder() throws IOException {
    Path file = write("d.yaml", """
        general:
          engine_class: simplest
        engine_conf:
          preserve_n: 1
          force_site: ec2-east
        """);

    CliHarness.Result r = cli.run("domain", "add", "d1", "--definition", "def1", "-f",
        file.toString(), "--set", "engine_conf.preserve_n=3", "--set", "engine_conf.preserve_n=4",
        "--set", "health.monitor_health=true", "--set", "engine_conf.sites.primary=[a,b]");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("domain d1 added (config_version 1)\n");
    AddDomainRequest req = cli.replies().request("addDomain");
    assertThat(ConfigStructs.toMap(req.getConfig())).isEqualTo(Map.of(
        "general", Map.of("engine_class", "simplest"),
        "engine_conf", Map.of("preserve_n", 4L, "force_site", "ec2-east",
            "sites", Map.of("primary", java.util.List.of("a", "b"))),
        "health", Map.of("monitor_health", true)));
  }

  @Test
  void jsonFilesWorkToo() throws IOException {
    Path file = write("d.json", "{\"engine_conf\": {\"preserve_n\": 2, \"ratio\": 0.25}}");

    CliHarness.Result r = cli.run("domain", "reconfigure", "d1", "--file", file.toString(),
        "--expected-version", "3", "--request-id", "r-7");

    assertThat(r.exitCode()).as(r.err()).isZero();
    ReconfigureDomainRequest req = cli.replies().request("reconfigureDomain");
    assertThat(ConfigStructs.toMap(req.getConfig()))
        .isEqualTo(Map.of("engine_conf", Map.of("preserve_n", 2L, "ratio", 0.25)));
    assertThat(req.getExpectedVersion()).isEqualTo(3);
    assertThat(req.getRequestId()).isEqualTo("r-7");
  }

  @Test
  void fileMustBeAMapOfSections() throws IOException {
    Path list = write("l.yaml", "- a\n- b\n");
    Path broken = write("b.yaml", "engine_conf: [unclosed\n");

    CliHarness.Result r1 = cli.run("domain", "reconfigure", "d1", "-f", list.toString());
    CliHarness.Result r2 = cli.run("domain", "reconfigure", "d1", "-f", broken.toString());

    assertThat(r1.exitCode()).isEqualTo(2);
    assertThat(r1.err()).contains("must be a map of sections");
    assertThat(r2.exitCode()).isEqualTo(2);
    assertThat(r2.err()).contains("is not valid YAML or JSON");
    assertThat(cli.replies().calls()).isEmpty();
  }

  @Test
  void setThroughAScalarFromTheFileIsAUsageError() throws IOException {
    Path file = write("d.yaml", "engine_conf:\n  preserve_n: 1\n");

    CliHarness.Result r = cli.run("domain", "reconfigure", "d1", "-f", file.toString(),
        "--set", "engine_conf.preserve_n.x=2");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("engine_conf.preserve_n is 1, not a map");
  }

  @Test
  void subscribersAreParsedAsNameEqualsEndpoint() {
    CliHarness.Result r = cli.run("domain", "add", "d1", "-d", "def1",
        "--subscriber", "billing=billing.local:7700", "--subscriber", "ops=10.0.0.1:1");

    assertThat(r.exitCode()).as(r.err()).isZero();
    AddDomainRequest req = cli.replies().request("addDomain");
    assertThat(req.getSubscribersList()).containsExactly(
        SubscriberRef.newBuilder().setName("billing").setEndpoint("billing.local:7700").build(),
        SubscriberRef.newBuilder().setName("ops").setEndpoint("10.0.0.1:1").build());
    assertThat(req.getConfig().getFieldsCount()).isZero();
  }

  @Test
  void definitionAddSendsConfigDescriptionAndRequestId() {
    cli.replies().reply("createDefinition",
        Definition.newBuilder().setDefinitionId("def1").setVersion(1).build());

    CliHarness.Result r = cli.run("definition", "add", "def1", "--set", "general.engine_class=needy",
        "--description", "a needy one", "--request-id", "r1");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("definition def1 created (version 1)\n");
    CreateDefinitionRequest req = cli.replies().request("createDefinition");
    assertThat(req.getDescription()).isEqualTo("a needy one");
    assertThat(req.getRequestId()).isEqualTo("r1");
    assertThat(ConfigStructs.toMap(req.getConfig()))
        .isEqualTo(Map.of("general", Map.of("engine_class", "needy")));
  }

  @Test
  void definitionUpdateWithOnlySetsEditsTheCurrentConfigAtTheVersionRead() {
    cli.replies().reply("describeDefinition", Definition.newBuilder().setDefinitionId("def1")
        .setVersion(4).setDescription("old")
        .setConfig(ConfigStructs.toStruct(Map.of(
            "general", Map.of("engine_class", "simplest"),
            "engine_conf", Map.of("preserve_n", 1, "force_site", "a"))))
        .build());
    cli.replies().reply("updateDefinition",
        Definition.newBuilder().setDefinitionId("def1").setVersion(5).build());

    CliHarness.Result r = cli.run("definition", "update", "def1", "--set", "engine_conf.preserve_n=2");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("definition def1 updated (version 5)\n");
    UpdateDefinitionRequest req = cli.replies().request("updateDefinition");
    assertThat(ConfigStructs.toMap(req.getConfig())).isEqualTo(Map.of(
        "general", Map.of("engine_class", "simplest"),
        "engine_conf", Map.of("preserve_n", 2L, "force_site", "a")));
    assertThat(req.getExpectedVersion()).isEqualTo(4);
    assertThat(req.getDescription()).isEqualTo("old");
  }

  @Test
  void definitionUpdateWithAFileReplacesTheConfigAndHonoursExpectedVersion() throws IOException {
    cli.replies().reply("describeDefinition", Definition.newBuilder().setDefinitionId("def1")
        .setVersion(4).setConfig(ConfigStructs.toStruct(Map.of("health", Map.of("x", 1)))).build());
    cli.replies().reply("updateDefinition", Definition.newBuilder().setVersion(5).build());
    Path file = write("def.yaml", "engine_conf:\n  preserve_n: 7\n");

    CliHarness.Result r = cli.run("definition", "update", "def1", "-f", file.toString(),
        "--expected-version", "2");

    assertThat(r.exitCode()).as(r.err()).isZero();
    UpdateDefinitionRequest req = cli.replies().request("updateDefinition");
    assertThat(ConfigStructs.toMap(req.getConfig()))
        .isEqualTo(Map.of("engine_conf", Map.of("preserve_n", 7L)));
    assertThat(req.getExpectedVersion()).isEqualTo(2);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
