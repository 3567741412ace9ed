package org.epum.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.failsWith;
import static org.epum.server.testing.Protos.struct;

import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.GetServerStatusRequest;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.HeartbeatRequest;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.InstanceStateReport;
import org.epum.proto.v1.ListDomainsRequest;
import org.epum.server.testing.ServerITBase;
import org.junit.jupiter.api.Test;

/** Bearer tokens and roles: who may call what, and the owner always from the token. */
class AuthIT extends ServerITBase {
  private static final String ADMIN = "admin-token-123";
  private static final String ALICE = "alice-token-123";
  private static final String BOB = "bob-token-12345";
  private static final String AGENT = "agent-token-123";
  private static final String PROVISIONER = "prov-token-1234";

  @Override
  protected String extraConfig() {
    try {
      Path tokens = Files.createTempFile("tokens", ".yaml");
      tokens.toFile().deleteOnExit();
      Files.writeString(tokens, """
          tokens:
            - {token: %s, owner: ops, roles: [admin]}
            - {token: %s, owner: alice, roles: [user]}
            - {token: %s, owner: bob, roles: [user]}
            - {token: %s, owner: agents, roles: [agent]}
            - {token: %s, owner: prov, roles: [provisioner]}
          """.formatted(ADMIN, ALICE, BOB, AGENT, PROVISIONER));
      return "auth: {mode: token, tokens_file: \"" + tokens + "\"}";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void missingOrUnknownTokenIsUnauthenticated() {
    assertThat(failsWith(Status.Code.UNAUTHENTICATED, () -> server.stubs().management()
        .listDomains(ListDomainsRequest.getDefaultInstance()))).contains("token");
    failsWith(Status.Code.UNAUTHENTICATED, () -> server.stubs("nope-nope-nope", null).management()
        .listDomains(ListDomainsRequest.getDefaultInstance()));
  }

  @Test
  void rolesAreEnforced() {
    var alice = server.stubs(ALICE, null);
    assertThat(failsWith(Status.Code.PERMISSION_DENIED, () -> alice.management().createDefinition(
        CreateDefinitionRequest.newBuilder().setDefinitionId("d").setConfig(struct("{}")).build()))).contains("admin");
    failsWith(Status.Code.PERMISSION_DENIED, () -> alice.admin().getServerStatus(
        GetServerStatusRequest.getDefaultInstance()));
    failsWith(Status.Code.PERMISSION_DENIED, () -> alice.heartbeats().heartbeat(HeartbeatRequest.newBuilder()
        .setNodeId("n").setState(HealthState.HEALTH_STATE_OK).build()));
    failsWith(Status.Code.PERMISSION_DENIED, () -> alice.instanceStates().reportInstanceState(
        InstanceStateReport.newBuilder().setNodeId("n").setState(InstanceState.INSTANCE_STATE_RUNNING).build()));
    failsWith(Status.Code.PERMISSION_DENIED, () -> server.stubs(AGENT, null).management()
        .listDomains(ListDomainsRequest.getDefaultInstance()));
    failsWith(Status.Code.PERMISSION_DENIED, () -> server.stubs(PROVISIONER, null).heartbeats()
        .heartbeat(HeartbeatRequest.newBuilder().setNodeId("n").setState(HealthState.HEALTH_STATE_OK).build()));
    // the right roles get past auth to the handler (which then finds no such node)
    failsWith(Status.Code.NOT_FOUND, () -> server.stubs(AGENT, null).heartbeats().heartbeat(
        HeartbeatRequest.newBuilder().setNodeId("n").setState(HealthState.HEALTH_STATE_OK).build()));
    failsWith(Status.Code.NOT_FOUND, () -> server.stubs(PROVISIONER, null).instanceStates().reportInstanceState(
        InstanceStateReport.newBuilder().setNodeId("n").setState(InstanceState.INSTANCE_STATE_RUNNING).build()));
  }

  @Test
  void ownerComesFromTheTokenAndOnlyAdminsMayActForOthers() {
    server.stubs(ADMIN, null).management().createDefinition(CreateDefinitionRequest.newBuilder()
        .setDefinitionId("def").setConfig(struct("{}")).build());
    var alice = server.stubs(ALICE, null).management();
    assertThat(alice.addDomain(AddDomainRequest.newBuilder().setDomainId("d").setDefinitionId("def")
        .setConfig(struct("{\"engine_conf\": {\"preserve_n\": 0}}")).build())
        .getOwner()).isEqualTo("alice");
    assertThat(server.stubs(BOB, null).management().listDomains(ListDomainsRequest.getDefaultInstance())
        .getDomainIdsList()).isEmpty();
    failsWith(Status.Code.PERMISSION_DENIED, () -> server.stubs(BOB, "alice").management()
        .listDomains(ListDomainsRequest.getDefaultInstance()));
    assertThat(server.stubs(ADMIN, "alice").management().listDomains(ListDomainsRequest.getDefaultInstance())
        .getDomainIdsList()).containsExactly("d");
    failsWith(Status.Code.INVALID_ARGUMENT, () -> server.stubs(ADMIN, "a/b").management()
        .listDomains(ListDomainsRequest.getDefaultInstance()));
  }

  @Test
  void healthCheckNeedsNoToken() {
    var status = HealthGrpc.newBlockingStub(server.channel()).check(HealthCheckRequest.getDefaultInstance());
    assertThat(status.getStatus()).isNotNull();
  }
}
