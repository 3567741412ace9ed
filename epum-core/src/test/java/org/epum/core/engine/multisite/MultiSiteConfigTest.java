package org.epum.core.engine.multisite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.epum.core.testing.EngineTestSupport.cloud;
import static org.epum.core.testing.EngineTestSupport.conf;
import static org.epum.core.testing.EngineTestSupport.empty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.testing.RecordingEngineControl;
import org.junit.jupiter.api.Test;

/**
 * Scenario 77. EPUM's reconfigure passes the full merged engine_conf, so a new clouds list replaces
 * the old one whole: the original's "rank 1 already taken by hotel" cannot be expressed, and a
 * third cloud is added by giving all three.
 */
class MultiSiteConfigTest {
  private final MultiSiteProvider provider = new MultiSiteProvider();

  @Test
  void scenario77_configErrors() {
    assertInvalid(null, "minimum_vms");
    Map<String, Object> conf = new LinkedHashMap<>();
    assertInvalid(conf, "minimum_vms");
    conf.put("minimum_vms", 1L);
    assertInvalid(conf, "dtname");
    conf.put("dtname", "hello");
    assertInvalid(conf, "clouds");
    conf.put("instance_type", "m1.huge");
    assertInvalid(conf, "clouds");
    conf.put("clouds", cloud("hotel", 10, 3));
    assertInvalid(conf, "engine_conf.clouds must be a non-empty list");
    conf.put("clouds", List.of(cloud("hotel", 10, 1), cloud("sierra", 10, 3)));
    assertInvalid(conf, "ranks must be 1..2");
    conf.put("clouds", List.of(cloud("hotel", 10, 1), cloud("sierra", 10, 2)));

    MultiSiteEngine engine = new MultiSiteEngine();
    RecordingEngineControl control = new RecordingEngineControl();
    engine.initialize(control, empty(), normalised(conf));

    conf.put("clouds", List.of(cloud("hotel", 10, 1), cloud("sierra", 10, 5)));
    assertInvalid(conf, "ranks must be 1..2");
    assertReconfigureFails(engine, control, conf);

    conf.put("clouds", List.of(cloud("foxtrot", 10, 1)));
    assertThatCode(() -> engine.reconfigure(control, normalised(conf))).doesNotThrowAnyException();
    conf.put("clouds", List.of(cloud("foxtrot", 10, 3)));
    assertReconfigureFails(engine, control, conf);
    conf.put("clouds", List.of(cloud("hotel", 10, 1), cloud("sierra", 10, 2), cloud("foxtrot", 10, 3)));
    assertThatCode(() -> engine.reconfigure(control, normalised(conf))).doesNotThrowAnyException();

    assertReconfigureFails(engine, control, Map.of());
    assertThatCode(engine::dying).doesNotThrowAnyException();
  }

  @Test
  void cloudEntriesAreChecked() {
    assertInvalid(with(List.of(map("site_name", "hotel", "rank", 1))), "engine_conf.clouds[0].size is required");
    assertInvalid(with(List.of(cloud("hotel", -2, 1))), "engine_conf.clouds[0].size must be a whole number >= -1");
    assertInvalid(with(List.of(cloud("hotel", 1, 1), cloud("hotel", 1, 2))), "names site hotel twice");
    assertInvalid(with(List.of(map("site_name", "hotel", "size", 1, "rank", 1, "colour", "red"))),
        "engine_conf.clouds[0].colour");
    assertInvalid(with(List.of("hotel")), "engine_conf.clouds[0] must be");
    assertInvalid(with(List.of()), "engine_conf.clouds must be a non-empty list");
  }

  @Test
  void otherKeys() {
    assertInvalid(withExtra("domain_desired_size", 4), "minimum_vms");
    assertInvalid(withExtra("foo", 4), "engine_conf.foo");
    assertInvalid(withExtra("maximum_vms", 0), "engine_conf.maximum_vms");
    assertInvalid(withExtra("iaas_allocation", "m1.large"), "instance_type");
    assertThatCode(() -> provider.validate(normalised(withExtra("iaas_allocation", "m1.small"))))
        .doesNotThrowAnyException();
    assertThatCode(() -> provider.validate(normalised(withExtra("metric", "load")))).doesNotThrowAnyException();
  }

  @Test
  void parsesCloudsInRankOrderWithDefaults() {
    MultiSiteConfig c = MultiSiteConfig.parse(conf("minimum_vms", 2, "dtname", "dt",
        "clouds", List.of(cloud("sierra", -1, 2), cloud("hotel", 3, 1))));
    assertThat(c.clouds()).containsExactly(new Cloud("hotel", 3, 1), new Cloud("sierra", -1, 2));
    assertThat(c.maximum()).isEqualTo(2);
    assertThat(c.allocation()).isEqualTo("small");
  }

  private static Map<String, Object> with(List<Object> clouds) {
    return map("minimum_vms", 1, "dtname", "dt", "clouds", clouds);
  }

  private static Map<String, Object> withExtra(String key, Object value) {
    Map<String, Object> m = map("minimum_vms", 1, "dtname", "dt", "instance_type", "m1.small",
        "clouds", List.of(cloud("hotel", 1, 1)));
    m.put(key, value);
    return m;
  }

  private static Map<String, Object> map(Object... kv) {
    return org.epum.core.testing.EngineTestSupport.map(kv);
  }

  private static Map<String, Object> normalised(Map<String, Object> conf) {
    return conf(conf.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
        .toArray());
  }

  private void assertInvalid(Map<String, Object> conf, String mentioning) {
    EpumException e = catchThrowableOfType(EpumException.class, () -> provider.validate(conf));
    assertThat(e).as("expected %s to be rejected", conf).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains(mentioning);
  }

  private static void assertReconfigureFails(MultiSiteEngine engine, RecordingEngineControl control,
      Map<String, Object> conf) {
    EpumException e = catchThrowableOfType(EpumException.class, () -> engine.reconfigure(control, conf));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }
}
