package org.epum.core.engine.needy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.epum.core.testing.EngineTestSupport.conf;

import java.util.List;
import java.util.Map;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

class NeedyConfigTest {
  private final NeedyProvider provider = new NeedyProvider();

  @Test
  void scenario10_unknownKeysAreAccepted() {
    assertThatCode(() -> provider.validate(conf())).doesNotThrowAnyException();
    assertThatCode(() -> provider.validate(null)).doesNotThrowAnyException();
    assertThatCode(() -> provider.validate(conf("a_string", "thisisastring", "a_list", List.of(4, 5, 6),
        "a_number", 1.23, "a_dict", Map.of("akey", Map.of("fpp", "bar"), "blah", 5)))).doesNotThrowAnyException();
  }

  @Test
  void knownKeysAreTypeChecked() {
    assertThat(invalid(conf("preserve_n", -1))).contains("engine_conf.preserve_n");
    assertThat(invalid(conf("preserve_n", "2"))).contains("engine_conf.preserve_n");
    assertThat(invalid(conf("deployable_type", 5))).contains("engine_conf.deployable_type");
    assertThat(invalid(conf("iaas_site", List.of()))).contains("engine_conf.iaas_site");
    assertThat(invalid(conf("retirable_nodes", "i-1"))).contains("engine_conf.retirable_nodes");
    assertThat(invalid(conf("unique_key", "k", "unique_values", Map.of()))).contains("engine_conf.unique_values");
    assertThat(invalid(conf("unique_key", "k", "unique_values", List.of(1, 1)))).contains("distinct");
    assertThat(invalid(conf("unique_values", List.of(1)))).contains("unique_key");
    assertThat(invalid(conf("provisioner_vars", List.of()))).contains("engine_conf.provisioner_vars");
  }

  @Test
  void uniqueValuesParse() {
    assertThat(NeedyConfig.parse(conf("unique_key", "k", "unique_values", " a ,b,, c")).uniques().values())
        .containsExactly("a", "b", "c");
    assertThat(NeedyConfig.parse(conf("unique_key", "k", "unique_values", List.of())).uniques().enabled()).isFalse();
    assertThat(NeedyConfig.parse(conf("unique_key", "k")).uniques().enabled()).isFalse();
  }

  private String invalid(Map<String, Object> engineConf) {
    EpumException e = catchThrowableOfType(EpumException.class, () -> provider.validate(engineConf));
    assertThat(e).as("expected %s to be rejected", engineConf).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    return e.getMessage();
  }
}
