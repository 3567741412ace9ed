package org.epum.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import java.util.Map;
import org.epum.client.FakeEpumServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production wiring ({@link ClientFactory#grpc()}, a real plaintext socket) against the fake
 * on a port-0 socket: how an end-to-end test drives epumctl against a real server.
 */
class EpumctlRealTransportTest {
  private FakeEpumServer server;

  @BeforeEach
  void start() {
    server = FakeEpumServer.startOnLocalPort();
    server.replies().reply("describeDomain", TestDomains.domain("d1", 1));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void talksToAServerGivenByEnvironmentOverPlaintext() {
    var cmd = Epumctl.newCommandLine(ClientFactory.grpc(),
        Map.of("EPUM_SERVER", "localhost:" + server.port(), "EPUM_TOKEN", "tok"));

    CliHarness.Result r = CliHarness.execute(cmd, "domain", "describe", "d1", "-o", "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"domain_id\" : \"d1\"");
    Metadata headers = server.replies().last("describeDomain").headers();
    assertThat(headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("Bearer tok");
  }

  @Test
  void aServerThatIsNotThereIsUnavailableWithTheAddressTried() {
    int port = server.port();
    server.close(); // nothing listens there now

    var cmd = Epumctl.newCommandLine(ClientFactory.grpc(), Map.of());
    CliHarness.Result r =
        CliHarness.execute(cmd, "--server", "localhost:" + port, "--timeout", "10", "domain", "list");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("epumctl: UNAVAILABLE: ")
        .contains("(server localhost:" + port + "; use --server HOST:PORT or EPUM_SERVER");
  }
}
