package org.epum.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.Domain;
import org.epum.proto.v1.ReconfigureDomainRequest;
import org.epum.proto.v1.RemoveDomainRequest;
import org.epum.proto.v1.RunDoctorRequest;
import org.epum.proto.v1.ServerStatus;
import org.epum.proto.v1.SetClockRequest;
import org.epum.proto.v1.SetClockResponse;
import org.epum.proto.v1.SubscriberRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GrpcEpumClientTest {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> ACT_AS =
      Metadata.Key.of("epum-act-as", Metadata.ASCII_STRING_MARSHALLER);

  private FakeEpumServer server;
  private FakeReplies replies;

  @BeforeEach
  void start() {
    server = FakeEpumServer.start();
    replies = server.replies();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void sendsBearerTokenAndActAsOnEveryCall() {
    replies.reply("describeDomain", Domain.newBuilder().setDomainId("d1").build());
    replies.reply("getServerStatus", ServerStatus.getDefaultInstance());
    try (EpumClient client = GrpcEpumClient.forChannel(server.channel())
        .token("s3cret").actAs("alice").build()) {
      client.describeDomain("d1");
      client.getServerStatus();
    }
    for (String method : List.of("describeDomain", "getServerStatus")) {
      Metadata headers = replies.last(method).headers();
      assertThat(headers.get(AUTHORIZATION)).isEqualTo("Bearer s3cret");
      assertThat(headers.get(ACT_AS)).isEqualTo("alice");
    }
  }

  @Test
  void sendsNoIdentityHeadersWhenNoneConfigured() {
    replies.reply("describeDomain", Domain.getDefaultInstance());
    try (EpumClient client = GrpcEpumClient.forChannel(server.channel()).token(" ").build()) {
      client.describeDomain("d1");
    }
    Metadata headers = replies.last("describeDomain").headers();
    assertThat(headers.containsKey(AUTHORIZATION)).isFalse();
    assertThat(headers.containsKey(ACT_AS)).isFalse();
  }

  @Test
  void everyUnaryCallCarriesTheConfiguredDeadline() {
    replies.reply("describeDomain", Domain.getDefaultInstance());
    try (EpumClient client = GrpcEpumClient.forChannel(server.channel())
        .deadline(Duration.ofSeconds(7)).build()) {
      client.describeDomain("d1");
    }
    var deadline = replies.last("describeDomain").deadline();
    assertThat(deadline).isNotNull();
    assertThat(deadline.timeRemaining(SECONDS)).isBetween(1L, 7L);
  }

  @Test
  void failuresBecomeEpumClientExceptionWithCodeAndServerMessage() {
    replies.reply("describeDomain", Status.NOT_FOUND.withDescription("domain d9 not found"));
    try (EpumClient client = GrpcEpumClient.forChannel(server.channel()).build()) {
      assertThatThrownBy(() -> client.describeDomain("d9"))
          .isInstanceOfSatisfying(EpumClientException.class, e -> {
            assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(e.description()).isEqualTo("domain d9 not found");
            assertThat(e.getMessage()).isEqualTo("NOT_FOUND: domain d9 not found");
          });
    }
  }

  @Test
  void unimplementedOperationsReportUnimplemented() {
    try (EpumClient client = GrpcEpumClient.forChannel(server.channel()).build()) {
      assertThatThrownBy(client::runDecider)
          .isInstanceOfSatisfying(EpumClientException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.UNIMPLEMENTED));
    }
  }

  @Test
  void buildsRequestsWithConfigSubscribersAndWriteOptions() {
    replies.reply("addDomain", Domain.getDefaultInstance());
    replies.reply("reconfigureDomain", Domain.getDefaultInstance());
    replies.reply("removeDomain", Domain.getDefaultInstance());
    SubscriberRef sub = SubscriberRef.newBuilder().setName("s").setEndpoint("h:1").build();
    try (EpumClient client = GrpcEpumClient.forChannel(server.channel()).build()) {
      client.addDomain("d1", "def", Map.of("engine_conf", Map.of("preserve_n", 2)),
          List.of(sub), WriteOptions.requestId("r1"));
      client.reconfigureDomain("d1", Map.of(), WriteOptions.expectedVersion(4));
      client.removeDomain("d1", WriteOptions.NONE);
    }
    AddDomainRequest add = replies.request("addDomain");
    assertThat(add.getDefinitionId()).isEqualTo("def");
    assertThat(add.getRequestId()).isEqualTo("r1");
    assertThat(add.getSubscribersList()).containsExactly(sub);
    assertThat(ConfigStructs.toMap(add.getConfig()))
        .isEqualTo(Map.of("engine_conf", Map.of("preserve_n", 2L)));
    ReconfigureDomainRequest reconf = replies.request("reconfigureDomain");
    assertThat(reconf.hasExpectedVersion()).isTrue();
    assertThat(reconf.getExpectedVersion()).isEqualTo(4);
    RemoveDomainRequest remove = replies.request("removeDomain");
    assertThat(remove.hasExpectedVersion()).isFalse();
    assertThat(remove.getRequestId()).isEmpty();
  }

  @Test
  void expectedVersionIsRejectedWhereTheApiHasNone() {
    try (EpumClient client = GrpcEpumClient.forChannel(server.channel()).build()) {
      assertThatThrownBy(() -> client.addDomain("d1", "def", Map.of(), List.of(),
          WriteOptions.expectedVersion(1))).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(replies.calls()).isEmpty();
  }

  @Test
  void adminTimesTravelAsTimestamps() {
    Instant at = Instant.parse("2024-05-01T00:10:00.5Z");
    Timestamp ts = Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(500_000_000).build();
    replies.reply("runDoctor", org.epum.proto.v1.RunDoctorResponse.getDefaultInstance());
    replies.reply("setClock", SetClockResponse.newBuilder().setNow(ts).build());
    try (EpumClient client = GrpcEpumClient.forChannel(server.channel()).build()) {
      client.runDoctor(at);
      client.runDoctor();
      assertThat(client.setClock(at).getNow()).isEqualTo(ts);
    }
    List<FakeReplies.Recorded> doctor = replies.calls().stream()
        .filter(c -> c.method().equals("runDoctor")).toList();
    assertThat(((RunDoctorRequest) doctor.get(0).request()).getAt()).isEqualTo(ts);
    assertThat(((RunDoctorRequest) doctor.get(1).request()).hasAt()).isFalse();
    assertThat(((SetClockRequest) replies.request("setClock")).getAt()).isEqualTo(ts);
  }

  @Test
  void closingAClientBuiltOnACallersChannelLeavesTheChannelOpen() {
    GrpcEpumClient.forChannel(server.channel()).build().close();
    assertThat(server.channel().isShutdown()).isFalse();
  }

  @Test
  void ownedChannelIsShutDownOnClose() {
    // Nothing listens on this in-process-free target; building and closing must not throw.
    GrpcEpumClient.builder("localhost:1").build().close();
  }
}
