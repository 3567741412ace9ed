package org.epum.client.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.epum.client.FakeEpumServer;
import org.epum.proto.v1.ListDomainsResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EpumctlGlobalOptionsTest {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> ACT_AS =
      Metadata.Key.of("epum-act-as", Metadata.ASCII_STRING_MARSHALLER);

  private FakeEpumServer server;
  private final List<ConnectionSettings> seen = new ArrayList<>();

  @BeforeEach
  void start() {
    server = FakeEpumServer.start();
    server.replies().reply("listDomains", ListDomainsResponse.getDefaultInstance());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void defaultsComeFromTheEnvironmentThenBuiltIns() {
    run(Map.of(), "domain", "list");
    run(Map.of("EPUM_SERVER", "h:1", "EPUM_TOKEN", "envtok"), "domain", "list");

    assertThat(seen.get(0)).isEqualTo(
        new ConnectionSettings("localhost:7650", null, null, Duration.ofSeconds(30)));
    assertThat(seen.get(1)).isEqualTo(
        new ConnectionSettings("h:1", "envtok", null, Duration.ofSeconds(30)));
    assertThat(server.replies().last("listDomains").headers().get(AUTHORIZATION))
        .isEqualTo("Bearer envtok");
  }

  @Test
  void flagsBeatTheEnvironmentWhereverTheyAreGiven() {
    Map<String, String> env = Map.of("EPUM_SERVER", "h:1", "EPUM_TOKEN", "envtok");
    run(env, "--server", "a:2", "--token", "flagtok", "domain", "list", "--as", "bob",
        "--timeout", "2.5");

    assertThat(seen.get(0)).isEqualTo(
        new ConnectionSettings("a:2", "flagtok", "bob", Duration.ofMillis(2500)));
    Metadata headers = server.replies().last("listDomains").headers();
    assertThat(headers.get(AUTHORIZATION)).isEqualTo("Bearer flagtok");
    assertThat(headers.get(ACT_AS)).isEqualTo("bob");
    assertThat(server.replies().last("listDomains").deadline().timeRemaining(SECONDS))
        .isLessThanOrEqualTo(2);
  }

  @Test
  void outputFormatMayComeBeforeOrAfterTheSubcommand() {
    assertThat(run(Map.of(), "-o", "json", "domain", "list").out().strip()).isEqualTo("[ ]");
    assertThat(run(Map.of(), "domain", "list", "--output", "JSON").out().strip())
        .isEqualTo("[ ]");
  }

  private CliHarness.Result run(Map<String, String> env, String... args) {
    ClientFactory recording = s -> {
      seen.add(s);
      return ClientFactory.forChannel(server.channel()).connect(s);
    };
    CliHarness.Result r = CliHarness.execute(Epumctl.newCommandLine(recording, env), args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r;
  }
}
