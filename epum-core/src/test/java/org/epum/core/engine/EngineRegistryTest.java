package org.epum.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.EngineState;
import org.epum.core.engine.multisite.MultiSiteProvider;
import org.epum.core.engine.needy.NeedyProvider;
import org.epum.core.engine.sensor.SensorProvider;
import org.epum.core.engine.simplest.SimplestProvider;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineRegistryTest {
  private final EngineRegistry registry = EngineRegistry.fromClasspath();

  @Test
  void loadsTheFourBuiltInEnginesThroughServiceLoader() {
    assertThat(registry.names()).containsExactly("multisite", "needy", "sensor", "simplest");
    assertThat(new EngineRegistry(getClass().getClassLoader()).names()).isEqualTo(registry.names());
  }

  @ParameterizedTest
  @CsvSource({
      "simplest, simplest",
      "SimplestEngine, simplest",
      "org.epum.core.engine.simplest.SimplestEngine, simplest",
      "org.epum.core.engine.simplest.SimplestProvider, simplest",
      "epu.decisionengine.impls.simplest.SimplestEngine, simplest",
      "needy, needy",
      "NeedyEngine, needy",
      "org.epum.core.engine.needy.NeedyEngine, needy",
      "epu.decisionengine.impls.needy.NeedyEngine, needy",
      "sensor, sensor",
      "SensorEngine, sensor",
      "org.epum.core.engine.sensor.SensorEngine, sensor",
      "epu.decisionengine.impls.sensor.SensorEngine, sensor",
      "multisite, multisite",
      "PhantomMultiSiteOverflowEngine, multisite",
      "MultiSiteEngine, multisite",
      "org.epum.core.engine.multisite.MultiSiteEngine, multisite",
      "epu.decisionengine.impls.phantom_multi_site_overflow.PhantomMultiSiteOverflowEngine, multisite",
  })
  void resolvesShortNamesAliasesAndPythonPaths(String engineClass, String expected) {
    assertThat(registry.resolve(engineClass).name()).isEqualTo(expected);
  }

  @Test
  void absentEngineClassSelectsSimplest() {
    assertThat(registry.resolve(null).name()).isEqualTo("simplest");
  }

  @Test
  void unknownEngineIsInvalidArgumentNamingTheValueAndTheKnownEngines() {
    EpumException e = catchThrowableOfType(EpumException.class, () -> registry.resolve("NoSuchEngine"));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("NoSuchEngine", "multisite", "needy", "sensor", "simplest");
  }

  @Test
  void namesAreCaseSensitive() {
    assertThatThrownBy(() -> registry.resolve("simplestengine")).isInstanceOf(EpumException.class);
    assertThatThrownBy(() -> registry.resolve("Simplest")).isInstanceOf(EpumException.class);
  }

  @Test
  void everyEngineHasDocumentationAndSimplestMentionsPreserveN() {
    for (String name : registry.names()) {
      assertThat(registry.documentation(name)).isNotBlank();
    }
    assertThat(registry.documentation(null)).contains("preserve_n");
    assertThat(registry.documentation("SimplestEngine")).contains("preserve_n", "epuworker_type", "force_site",
        "epuworker_allocation", "provisioner_vars");
  }

  @Test
  void documentationListsEveryKeyItsValidatorAccepts() {
    assertThat(registry.documentation("needy")).contains("preserve_n", "deployable_type", "iaas_site",
        "iaas_allocation", "retirable_nodes", "unique_key", "unique_values");
    assertThat(registry.documentation("sensor")).contains("minimum_vms", "maximum_vms", "metric", "sample_function",
        "scale_up_threshold", "scale_up_n_vms", "scale_down_threshold", "scale_down_n_vms", "cooldown_period",
        "sensor_type", "monitor_sensors", "monitor_domain_sensors", "sensor_data", "prometheus_url",
        "prometheus_query");
    assertThat(registry.documentation("multisite")).contains("clouds", "site_name", "size", "rank", "minimum_vms",
        "maximum_vms", "dtname", "instance_type");
  }

  @Test
  void checkValidatesTheMergedEngineConfOfTheSelectedEngine() {
    registry.check(config(Map.of(), Map.of("preserve_n", 1)));
    registry.check(config(Map.of("engine_class", "needy"), Map.of()));
    registry.check(DomainConfig.of(Map.of("general", Map.of("engine_class", "needy"))));

    assertInvalid(() -> registry.check(config(Map.of(), Map.of())), "preserve_n");
    assertInvalid(() -> registry.check(DomainConfig.empty()), "preserve_n");
    assertInvalid(() -> registry.check(config(Map.of("engine_class", "nope"), Map.of())), "nope");
    assertInvalid(() -> registry.check(config(Map.of("engine_class", 5), Map.of())), "engine_class");
  }

  @Test
  void ofBuildsARegistryFromGivenProviders() {
    EngineRegistry two = EngineRegistry.of(List.of(new SimplestProvider(), new NeedyProvider()));
    assertThat(two.names()).containsExactly("needy", "simplest");
    assertThatThrownBy(() -> two.resolve("sensor")).isInstanceOf(EpumException.class);
    assertThat(EngineRegistry.of(List.of(new SensorProvider(), new MultiSiteProvider())).resolve("SensorEngine")
        .name()).isEqualTo("sensor");
  }

  @Test
  void twoProvidersClaimingOneNameFailAtStartup() {
    assertThatThrownBy(() -> EngineRegistry.of(List.of(new SimplestProvider(), new Impostor())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("simplest");
  }

  @Test
  void aUserEngineIsSelectedByItsClassNameAndItsSimpleName() {
    EngineRegistry withUser = EngineRegistry.of(List.of(new SimplestProvider(), new UserProvider()));
    assertThat(withUser.resolve("com.example.engines.CountingEngine").name()).isEqualTo("counting");
    assertThat(withUser.resolve("CountingEngine").name()).isEqualTo("counting");
  }

  private static DomainConfig config(Map<String, Object> general, Map<String, Object> engineConf) {
    return DomainConfig.of(Map.of("general", general, "engine_conf", engineConf));
  }

  private static void assertInvalid(Runnable r, String mentioning) {
    EpumException e = catchThrowableOfType(EpumException.class, r::run);
    assertThat(e).as("expected INVALID_ARGUMENT").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains(mentioning);
  }

  /** A provider that claims the built-in's short name. */
  private static final class Impostor extends UserProvider {
    @Override
    public String name() {
      return "simplest";
    }
  }

  private static class UserProvider implements EngineProvider {
    @Override
    public String name() {
      return "counting";
    }

    @Override
    public List<String> aliases() {
      return List.of("com.example.engines.CountingEngine");
    }

    @Override
    public String documentation() {
      return "counts";
    }

    @Override
    public void validate(Map<String, Object> engineConf) {}

    @Override
    public DecisionEngine create() {
      return new DecisionEngine() {
        @Override
        public void initialize(EngineControl control, DomainSnapshot state, Map<String, Object> engineConf) {}

        @Override
        public void decide(EngineControl control, DomainSnapshot state) {}

        @Override
        public void reconfigure(EngineControl control, Map<String, Object> engineConf) {}

        @Override
        public EngineState engineState() {
          return EngineState.UNKNOWN;
        }
      };
    }
  }
}
