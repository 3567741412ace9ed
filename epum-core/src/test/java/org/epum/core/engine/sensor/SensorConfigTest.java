package org.epum.core.engine.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.epum.core.testing.EngineTestSupport.conf;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.epum.core.engine.support.SampleFunction;
import org.epum.core.engine.support.SensorSource;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

class SensorConfigTest {
  private final SensorProvider provider = new SensorProvider();

  @Test
  void scenario27ConfIsAccepted() {
    SensorConfig c = SensorConfig.parse(conf("sensor_type", "mockcloudwatch", "iaas_site", "fake",
        "iaas_allocation", "also.fake", "deployable_type", "fake", "minimum_vms", 1, "metric", "load",
        "monitor_sensors", List.of("load"), "monitor_domain_sensors", List.of("queuelen"),
        "sample_function", "Average", "sensor_data", Map.of("load", List.of(0, 0, 0))));
    assertThat(c.maximum()).isEqualTo(1);
    assertThat(c.policy().source().type()).isEqualTo(SensorSource.Type.MOCKCLOUDWATCH);
    assertThat(c.policy().source().sensorData()).containsEntry("load", List.of(0.0, 0.0, 0.0));
    assertThat(c.policy().sampleFunction()).isEqualTo(SampleFunction.AVERAGE);
  }

  @Test
  void defaults() {
    SensorConfig c = SensorConfig.parse(conf("minimum_vms", 0));
    assertThat(c.policy().upBy()).isEqualTo(1);
    assertThat(c.policy().downBy()).isEqualTo(1);
    assertThat(c.policy().cooldown()).isEqualTo(Duration.ZERO);
    assertThat(c.policy().source().type()).isEqualTo(SensorSource.Type.HEARTBEAT);
    assertThat(c.template().deployableType()).isEqualTo("epu_work_consumer");
  }

  @Test
  void everyKnownKeyIsAccepted() {
    assertThatCode(() -> provider.validate(conf("minimum_vms", 1, "maximum_vms", 4, "metric", "m",
        "sample_function", "SampleCount", "scale_up_threshold", 5, "scale_up_n_vms", 2, "scale_down_threshold", 1,
        "scale_down_n_vms", 2, "cooldown_period", 30, "deployable_type", "d", "iaas_site", "s",
        "iaas_allocation", "a", "unique_key", "k", "unique_values", "x,y", "sensor_type", "prometheus",
        "monitor_sensors", List.of("m"), "monitor_domain_sensors", List.of("q"), "prometheus_url", "http://p:9090",
        "prometheus_query", "up", "provisioner_vars", Map.of("a", 1), "retirable_nodes", List.of("i-1"))))
        .doesNotThrowAnyException();
  }

  @Test
  void rejections() {
    assertThat(invalid(conf())).contains("engine_conf.minimum_vms");
    assertThat(invalid(conf("minimum_vms", 1, "foo", 1))).contains("engine_conf.foo");
    assertThat(invalid(conf("minimum_vms", 3, "maximum_vms", 2))).contains("engine_conf.maximum_vms");
    assertThat(invalid(conf("minimum_vms", 1, "sample_function", "Median"))).contains("Average", "Median");
    assertThat(invalid(conf("minimum_vms", 1, "sensor_type", "graphite"))).contains("heartbeat", "graphite");
    assertThat(invalid(conf("minimum_vms", 1, "scale_up_threshold", 2))).contains("engine_conf.metric");
    assertThat(invalid(conf("minimum_vms", 1, "metric", "m", "scale_up_threshold", 1, "scale_down_threshold", 2)))
        .contains("scale_down_threshold");
    assertThat(invalid(conf("minimum_vms", 1, "scale_up_n_vms", 0))).contains("engine_conf.scale_up_n_vms");
    assertThat(invalid(conf("minimum_vms", 1, "cooldown_period", -1))).contains("engine_conf.cooldown_period");
    assertThat(invalid(conf("minimum_vms", 1, "sensor_data", Map.of("m", "x")))).contains("engine_conf.sensor_data.m");
    assertThat(invalid(conf("minimum_vms", 1, "monitor_sensors", "load"))).contains("engine_conf.monitor_sensors");
    assertThat(invalid(conf("minimum_vms", 1, "prometheus_url", 5))).contains("engine_conf.prometheus_url");
  }

  private String invalid(Map<String, Object> engineConf) {
    EpumException e = catchThrowableOfType(EpumException.class, () -> provider.validate(engineConf));
    assertThat(e).as("expected %s to be rejected", engineConf).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    return e.getMessage();
  }
}
