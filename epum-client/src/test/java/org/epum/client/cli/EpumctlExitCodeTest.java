package org.epum.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EpumctlExitCodeTest {
  private CliHarness cli;

  @BeforeEach
  void start() {
    cli = new CliHarness();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  static Stream<Arguments> statusCodes() {
    return Stream.of(
        Arguments.of(Status.Code.NOT_FOUND, 3),
        Arguments.of(Status.Code.ALREADY_EXISTS, 4),
        Arguments.of(Status.Code.INVALID_ARGUMENT, 5),
        Arguments.of(Status.Code.OUT_OF_RANGE, 5),
        Arguments.of(Status.Code.ABORTED, 6),
        Arguments.of(Status.Code.UNAVAILABLE, 7),
        Arguments.of(Status.Code.DEADLINE_EXCEEDED, 7),
        Arguments.of(Status.Code.UNAUTHENTICATED, 8),
        Arguments.of(Status.Code.PERMISSION_DENIED, 8),
        Arguments.of(Status.Code.FAILED_PRECONDITION, 9),
        Arguments.of(Status.Code.UNIMPLEMENTED, 10),
        Arguments.of(Status.Code.INTERNAL, 1),
        Arguments.of(Status.Code.UNKNOWN, 1),
        Arguments.of(Status.Code.RESOURCE_EXHAUSTED, 1));
  }

  @ParameterizedTest
  @MethodSource("statusCodes")
  void eachStatusMapsToItsExitCodeWithOneErrorLineAndNoStdout(Status.Code code, int exit) {
    cli.replies().reply("describeDomain", Status.fromCode(code).withDescription("what went wrong"));

    CliHarness.Result r = cli.run("domain", "describe", "d1");

    assertThat(r.exitCode()).isEqualTo(exit);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("epumctl: " + code + ": what went wrong");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void everyStatusCodeHasAnExitCode() {
    for (Status.Code code : Status.Code.values()) {
      assertThat(ExitCodes.forStatus(code)).isBetween(0, 10);
    }
    assertThat(ExitCodes.TABLE).extracting(ExitCodes.Row::code)
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void unavailableSaysWhichServerWasTriedAndHowToPointElsewhere() {
    cli.replies().reply("listDomains", Status.UNAVAILABLE.withDescription("store unavailable"));

    CliHarness.Result r =
        cli.runWithEnv(Map.of("EPUM_SERVER", "epum.example:7650"), "domain", "list");

    assertThat(r.exitCode()).isEqualTo(7);
    assertThat(r.err().strip()).isEqualTo("epumctl: UNAVAILABLE: store unavailable (server "
        + "epum.example:7650; use --server HOST:PORT or EPUM_SERVER to point elsewhere)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"status", "leaders", "decide", "doctor", "reap"})
  void adminCommandsTheServerLacksExitWithUnimplemented(String command) {
    CliHarness.Result r = cli.run("admin", command);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.UNIMPLEMENTED);
    assertThat(r.err()).startsWith("epumctl: UNIMPLEMENTED: ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void usageErrorsExitTwoAndSendNothing(@TempDir Path dir) {
    String missing = dir.resolve("missing.yaml").toString();
    String[][] cases = {
      {"domain", "describe"},
      {"domain", "add", "d1"},
      {"domain", "add", "d1", "-d", "def", "--set", "preserve_n=2"},
      {"domain", "add", "d1", "-d", "def", "--file", missing},
      {"domain", "add", "d1", "-d", "def", "--subscriber", "nameonly"},
      {"domain", "reconfigure", "d1"},
      {"domain", "list", "--bogus"},
      {"domain", "list", "-o", "xml"},
      {"domain", "list", "--timeout", "0"},
      {"admin", "doctor", "--at", "yesterday"},
      {"admin", "clock"},
      {"definition", "update", "def1"},
      {"nosuchcommand"},
      {},
    };
    for (String[] args : cases) {
      CliHarness.Result r = cli.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
      assertThat(r.out()).as(String.join(" ", args)).isEmpty();
      assertThat(r.err()).as(String.join(" ", args)).isNotBlank();
    }
    assertThat(cli.replies().calls()).isEmpty();
  }

  @Test
  void badSetMessageShowsTheExpectedForm() {
    CliHarness.Result r = cli.run("domain", "reconfigure", "d1", "--set", "engine_conf");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("bad --set 'engine_conf'")
        .contains("expected section.key=VALUE");
  }

  @Test
  void unreadableFileIsAUsageError(@TempDir Path dir) {
    CliHarness.Result r = cli.run("domain", "reconfigure", "d1", "-f", dir.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("epumctl: cannot read config file " + dir);
  }

  @Test
  void helpSucceedsAndDocumentsExitCodes() {
    CliHarness.Result r = cli.run("domain", "add", "--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Exit codes:").contains(" 7  UNAVAILABLE")
        .contains("--definition=DEF");
  }

  @Test
  void unexpectedClientFailureIsInternal() {
    var cmd = Epumctl.newCommandLine(s -> {
      throw new IllegalStateException("boom");
    }, Map.of());

    CliHarness.Result r = CliHarness.execute(cmd, "domain", "list");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INTERNAL);
    assertThat(r.err()).startsWith("epumctl: internal error: ").contains("boom");
    assertThat(r.out()).isEmpty();
  }
}
