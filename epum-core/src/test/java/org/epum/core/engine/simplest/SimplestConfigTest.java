package org.epum.core.engine.simplest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.epum.core.testing.EngineTestSupport.conf;

import java.util.Map;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

/** Scenario 3: the simplest engine's validator. */
class SimplestConfigTest {
  private final SimplestProvider provider = new SimplestProvider();

  @Test
  void preserveNIsRequired() {
    assertThat(invalid(conf())).isEqualTo("engine_conf.preserve_n is required: set it to a whole number >= 0");
    assertThat(invalid(null)).contains("preserve_n");
  }

  @Test
  void preserveNMustBeAWholeNumberAtLeastZero() {
    assertThat(invalid(conf("preserve_n", "abc")))
        .isEqualTo("engine_conf.preserve_n must be a whole number >= 0, got the string \"abc\"");
    assertThat(invalid(conf("preserve_n", -1))).contains("engine_conf.preserve_n", "-1");
    assertThat(invalid(conf("preserve_n", 1.5))).contains("engine_conf.preserve_n", "1.5");
    assertThat(invalid(conf("preserve_n", true))).contains("engine_conf.preserve_n");
  }

  @Test
  void unknownKeysAreRejected() {
    assertThat(invalid(conf("preserve_n", 1, "foo", "bar"))).contains("engine_conf.foo", "preserve_n", "force_site");
  }

  @Test
  void typedOptionalKeys() {
    assertThat(invalid(conf("preserve_n", 1, "force_site", 3))).contains("engine_conf.force_site");
    assertThat(invalid(conf("preserve_n", 1, "epuworker_type", ""))).contains("engine_conf.epuworker_type");
    assertThat(invalid(conf("preserve_n", 1, "provisioner_vars", "x"))).contains("engine_conf.provisioner_vars");
  }

  @Test
  void validConfs() {
    assertThatCode(() -> provider.validate(conf("preserve_n", 1))).doesNotThrowAnyException();
    assertThatCode(() -> provider.validate(conf("preserve_n", 0, "epuworker_type", "dt", "force_site", "s",
        "epuworker_allocation", "a", "provisioner_vars", Map.of("k", "v")))).doesNotThrowAnyException();
    // A protobuf Struct carries every number as a double.
    assertThat(SimplestConfig.parse(Map.of("preserve_n", 2.0)).preserveN()).isEqualTo(2);
  }

  private String invalid(Map<String, Object> engineConf) {
    EpumException e = catchThrowableOfType(EpumException.class, () -> provider.validate(engineConf));
    assertThat(e).as("expected %s to be rejected", engineConf).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    return e.getMessage();
  }
}
