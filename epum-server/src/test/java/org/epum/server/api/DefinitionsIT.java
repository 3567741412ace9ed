package org.epum.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.failsWith;
import static org.epum.server.testing.Protos.struct;

import io.grpc.Status;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.DescribeDefinitionRequest;
import org.epum.proto.v1.ListDefinitionsRequest;
import org.epum.proto.v1.RemoveDefinitionRequest;
import org.epum.proto.v1.UpdateDefinitionRequest;
import org.epum.server.testing.ServerITBase;
import org.junit.jupiter.api.Test;

/** Scenario 1 (definition CRUD) and bad input on definitions, through the gRPC API on ZooKeeper. */
class DefinitionsIT extends ServerITBase {
  private static final String D1 = """
      {"general": {"engine_class": "counting"}, "health": {"monitor_health": false}}""";
  private static final String D2 = """
      {"general": {"engine_class": "failing"}, "health": {"monitor_health": false}}""";

  @Test
  void scenario1_definitionCrud() {
    var api = server.stubs().management();
    api.createDefinition(create("definition1", D1));
    String dup = failsWith(Status.Code.ALREADY_EXISTS, () -> api.createDefinition(create("definition1", D2)));
    assertThat(dup).contains("definition1");
    api.createDefinition(create("definition2", D2));

    assertThat(api.describeDefinition(describe("definition1")).getConfig()).isEqualTo(struct(D1));
    assertThat(api.describeDefinition(describe("definition1")).getDefinitionId()).isEqualTo("definition1");
    assertThat(api.describeDefinition(describe("definition2")).getConfig()).isEqualTo(struct(D2));
    assertThat(api.listDefinitions(ListDefinitionsRequest.getDefaultInstance()).getDefinitionIdsList())
        .containsExactly("definition1", "definition2");

    api.removeDefinition(RemoveDefinitionRequest.newBuilder().setDefinitionId("definition1").build());
    failsWith(Status.Code.NOT_FOUND, () -> api.describeDefinition(describe("definition1")));
    failsWith(Status.Code.NOT_FOUND,
        () -> api.removeDefinition(RemoveDefinitionRequest.newBuilder().setDefinitionId("definition1").build()));

    api.updateDefinition(UpdateDefinitionRequest.newBuilder().setDefinitionId("definition2").setConfig(struct(D1))
        .build());
    assertThat(api.describeDefinition(describe("definition2")).getConfig()).isEqualTo(struct(D1));
  }

  @Test
  void updateWithStaleExpectedVersionIsAbortedAndChangesNothing() {
    var api = server.stubs().management();
    var created = api.createDefinition(create("d", D1));
    api.updateDefinition(UpdateDefinitionRequest.newBuilder().setDefinitionId("d").setConfig(struct(D2))
        .setExpectedVersion(created.getVersion()).build());
    String message = failsWith(Status.Code.ABORTED, () -> api.updateDefinition(UpdateDefinitionRequest.newBuilder()
        .setDefinitionId("d").setConfig(struct(D1)).setExpectedVersion(created.getVersion()).build()));
    assertThat(message).contains("version");
    assertThat(api.describeDefinition(describe("d")).getConfig()).isEqualTo(struct(D2));
  }

  @Test
  void badNamesAreInvalidArgumentAndStoreNothing() {
    var api = server.stubs().management();
    for (String bad : new String[] {"a/b", "", "x".repeat(65), "..", ".", "zookeeper", "sp ace", "a\nb"}) {
      String message = failsWith(Status.Code.INVALID_ARGUMENT, () -> api.createDefinition(create(bad, D1)));
      assertThat(message).contains("definition_id");
    }
    assertThat(api.listDefinitions(ListDefinitionsRequest.getDefaultInstance()).getDefinitionIdsList()).isEmpty();
  }

  @Test
  void malformedConfigIsInvalidArgumentAndStoresNothing() {
    var api = server.stubs().management();
    failsWith(Status.Code.INVALID_ARGUMENT, () -> api.createDefinition(create("d", "{\"general\": \"simplest\"}")));
    failsWith(Status.Code.INVALID_ARGUMENT,
        () -> api.createDefinition(create("d", "{\"health\": {\"boot_timeout\": \"abc\"}}")));
    String unknown = failsWith(Status.Code.INVALID_ARGUMENT,
        () -> api.createDefinition(create("d", "{\"helth\": {\"monitor_health\": true}}")));
    assertThat(unknown).contains("helth").contains("engine_conf");
    assertThat(api.listDefinitions(ListDefinitionsRequest.getDefaultInstance()).getDefinitionIdsList()).isEmpty();
  }

  @Test
  void retriedCreateWithTheSameRequestIdSucceedsOnce() {
    var api = server.stubs().management();
    var first = api.createDefinition(create("d", D1).toBuilder().setRequestId("req-1").build());
    var retry = api.createDefinition(create("d", D1).toBuilder().setRequestId("req-1").build());
    assertThat(retry.getVersion()).isEqualTo(first.getVersion());
    failsWith(Status.Code.ALREADY_EXISTS, () -> api.createDefinition(create("d", D1)));
    String reused = failsWith(Status.Code.INVALID_ARGUMENT,
        () -> api.createDefinition(create("other", D1).toBuilder().setRequestId("req-1").build()));
    assertThat(reused).contains("req-1");
    assertThat(api.listDefinitions(ListDefinitionsRequest.getDefaultInstance()).getDefinitionIdsList())
        .containsExactly("d");
  }

  static CreateDefinitionRequest create(String id, String json) {
    return CreateDefinitionRequest.newBuilder().setDefinitionId(id).setConfig(struct(json)).build();
  }

  static DescribeDefinitionRequest describe(String id) {
    return DescribeDefinitionRequest.newBuilder().setDefinitionId(id).build();
  }
}
