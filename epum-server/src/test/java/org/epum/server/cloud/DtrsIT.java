package org.epum.server.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.epum.server.testing.Protos.failsWith;
import static org.epum.server.testing.Protos.struct;

import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.epum.proto.v1.AddCredentialsRequest;
import org.epum.proto.v1.AddDeployableTypeRequest;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.AddSiteRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.Credentials;
import org.epum.proto.v1.DeployableType;
import org.epum.proto.v1.DeployableTypeSite;
import org.epum.proto.v1.DescribeCredentialsRequest;
import org.epum.proto.v1.DescribeDeployableTypeRequest;
import org.epum.proto.v1.DescribeDomainRequest;
import org.epum.proto.v1.DescribeSiteRequest;
import org.epum.proto.v1.DtrsGrpc;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.ListDeployableTypesRequest;
import org.epum.proto.v1.ListSitesRequest;
import org.epum.proto.v1.ProvisionRequest;
import org.epum.proto.v1.ProvisionerGrpc;
import org.epum.proto.v1.ReconfigureDomainRequest;
import org.epum.proto.v1.Site;
import org.epum.server.config.ConfigException;
import org.epum.server.testing.RunningServer;
import org.epum.server.testing.TestServers;
import org.epum.server.testing.ZooKeeperITBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded DTRS: seeded from a directory of YAML files, changed and read over its gRPC API,
 * and consulted when a domain is added or reconfigured and when the embedded Provisioner launches.
 */
class DtrsIT extends ZooKeeperITBase {
  private static int roots;
  @TempDir
  Path dir;
  private RunningServer server;

  @BeforeEach
  void start() throws IOException {
    Files.writeString(dir.resolve("sites.yaml"), """
        sites:
          ec2-east: {description: first, driver: sim, properties: {capacity: 5}}
          ec2-west: {driver: sim}
        """);
    Files.writeString(dir.resolve("types.yaml"), """
        deployable_types:
          worker:
            description: a worker
            sites: {ec2-east: {image: img-1, default_allocation: small}}
        credentials:
          - {owner: alice, site: ec2-east, values: {key: secret}}
        """);
    server = start(dir);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  private RunningServer start(Path dtrsDir) {
    return RunningServer.start(config(dtrsDir));
  }

  private static org.epum.server.config.EpumConfig config(Path dtrsDir) {
    return TestServers.zooKeeperConfig(zookeeper.getConnectString(), "/epum-dtrs-" + (++roots),
        "dtrs: {dir: \"" + dtrsDir + "\"}\nsim: {request_delay: 10ms, boot_time_min: 10ms, boot_time_max: 10ms}\n");
  }

  @Test
  void theSeedIsListedAndDescribedAndCredentialsAreMasked() {
    assertThat(dtrs().listDeployableTypes(ListDeployableTypesRequest.getDefaultInstance()).getNamesList())
        .containsExactly("worker");
    assertThat(dtrs().listSites(ListSitesRequest.getDefaultInstance()).getNamesList())
        .containsExactly("ec2-east", "ec2-west");
    DeployableType worker = dtrs().describeDeployableType(DescribeDeployableTypeRequest.newBuilder()
        .setName("worker").build());
    assertThat(worker.getSitesMap().get("ec2-east").getImage()).isEqualTo("img-1");
    Site east = dtrs().describeSite(DescribeSiteRequest.newBuilder().setName("ec2-east").build());
    assertThat(east.getDriver()).isEqualTo("sim");
    assertThat(east.getProperties().getFieldsMap()).containsKey("capacity");
    Credentials creds = dtrs().describeCredentials(DescribeCredentialsRequest.newBuilder().setOwner("alice")
        .setSite("ec2-east").build());
    assertThat(creds.getValuesMap()).containsEntry("key", "****");
  }

  @Test
  void badDtrsInputIsRefusedClearlyAndChangesNothing() {
    assertThat(failsWith(Status.Code.NOT_FOUND, () -> dtrs().describeDeployableType(
        DescribeDeployableTypeRequest.newBuilder().setName("nope").build()))).contains("nope");
    assertThat(failsWith(Status.Code.ALREADY_EXISTS, () -> dtrs().addSite(AddSiteRequest.newBuilder()
        .setSite(Site.newBuilder().setName("ec2-east").setDriver("sim")).build()))).contains("ec2-east");
    assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> dtrs().addDeployableType(AddDeployableTypeRequest
        .newBuilder().setDeployableType(DeployableType.newBuilder().setName("bad name")).build()))).contains("name");
    assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> dtrs().addSite(AddSiteRequest.getDefaultInstance())))
        .contains("site");
    assertThat(failsWith(Status.Code.NOT_FOUND, () -> dtrs().addCredentials(AddCredentialsRequest.newBuilder()
        .setCredentials(Credentials.newBuilder().setOwner("alice").setSite("mars")).build()))).contains("mars");
    assertThat(dtrs().describeSite(DescribeSiteRequest.newBuilder().setName("ec2-east").build()).getDescription())
        .isEqualTo("first");
    assertThat(dtrs().listDeployableTypes(ListDeployableTypesRequest.getDefaultInstance()).getNamesList())
        .containsExactly("worker");
  }

  @Test
  void domainsNamingAnUnknownTypeOrSiteAreRefusedUntilTheDtrsKnowsThem() {
    definition();
    var m = server.stubs().management();
    assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> m.addDomain(domain("d1", "ghost", "ec2-east"))))
        .contains("deployable type 'ghost'");
    assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> m.addDomain(domain("d1", "worker", "mars"))))
        .contains("site 'mars'");
    assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> m.addDomain(domain("d1", "worker", "ec2-west"))))
        .contains("not offered at site 'ec2-west'");
    m.addDomain(domain("d1", "worker", "ec2-east"));
    assertThat(failsWith(Status.Code.INVALID_ARGUMENT, () -> m.reconfigureDomain(ReconfigureDomainRequest
        .newBuilder().setDomainId("d1").setConfig(struct("{\"engine_conf\": {\"force_site\": \"mars\"}}")).build())))
        .contains("mars");
    assertThat(m.describeDomain(DescribeDomainRequest.newBuilder().setDomainId("d1").build()).getConfigVersion())
        .isEqualTo(1);

    dtrs().addDeployableType(AddDeployableTypeRequest.newBuilder().setDeployableType(DeployableType.newBuilder()
        .setName("ghost").putSites("ec2-west", DeployableTypeSite.getDefaultInstance())).build());
    m.addDomain(domain("d2", "ghost", "ec2-west"));
  }

  @Test
  void theProvisionerFailsLaunchesOfUnknownTypesWithAReason() {
    var provisioner = ProvisionerGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
    var reply = provisioner.provision(ProvisionRequest.newBuilder().setInstanceId("i-1").setDeployableType("ghost")
        .setSite("ec2-east").setOwner("alice").build());
    assertThat(reply.getState()).isEqualTo(InstanceState.INSTANCE_STATE_FAILED);
    assertThat(reply.getMessage()).contains("deployable type 'ghost'");
    assertThat(provisioner.provision(ProvisionRequest.newBuilder().setInstanceId("i-2").setDeployableType("worker")
        .setSite("ec2-east").setOwner("alice").build()).getState()).isEqualTo(InstanceState.INSTANCE_STATE_REQUESTED);
  }

  @Test
  void aBadDtrsFileStopsTheStartNamingTheFile(@TempDir Path other) throws IOException {
    Files.writeString(other.resolve("broken.yaml"), "sites:\n  s1: {drivr: sim}\n");
    assertThatThrownBy(() -> start(other)).isInstanceOf(ConfigException.class).hasMessageContaining("broken.yaml")
        .hasMessageContaining("drivr");
  }

  private void definition() {
    server.stubs().management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("simple")
        .setConfig(struct("{\"general\": {\"engine_class\": \"simplest\"}}")).build());
  }

  private static AddDomainRequest domain(String id, String type, String site) {
    return AddDomainRequest.newBuilder().setDomainId(id).setDefinitionId("simple").setConfig(struct(
        "{\"engine_conf\": {\"preserve_n\": 1, \"epuworker_type\": \"" + type + "\", \"force_site\": \"" + site
            + "\"}}")).build();
  }

  private DtrsGrpc.DtrsBlockingStub dtrs() {
    return DtrsGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
  }
}
