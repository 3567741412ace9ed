package org.epum.server.decider;

import static org.assertj.core.api.Assertions.assertThat;

import org.epum.proto.v1.Instance;
import org.junit.jupiter.api.Test;

/** Scenario 27: the decider gathers domain and instance sensor data before each decide. */
class SensorDataIT extends DeciderITBase {
  @Test
  void scenario27_sensorDataIsGatheredForTheDomainAndItsInstances() {
    definition("sensor-def", "{\"general\": {\"engine_class\": \"sensor\"}, \"health\": {\"monitor_health\": false}}");
    addDomain("d", "sensor-def", """
        {"engine_conf": {"sensor_type": "mockcloudwatch", "iaas_site": "fake", "iaas_allocation": "also.fake",
         "deployable_type": "fake", "minimum_vms": 1, "metric": "load", "monitor_sensors": ["load"],
         "monitor_domain_sensors": ["queuelen"], "sample_function": "Average"}}""");
    assertThat(instances("d")).isEmpty();

    decide();
    assertThat(instances("d")).singleElement()
        .satisfies(i -> assertThat(i.getSensorData().getFieldsMap()).doesNotContainKey("load"));
    assertThat(provisioner.provisions).singleElement().satisfies(p -> {
      assertThat(p.getDeployableType()).isEqualTo("fake");
      assertThat(p.getSite()).isEqualTo("fake");
      assertThat(p.getAllocation()).isEqualTo("also.fake");
    });

    decide();
    var domain = describe("d");
    assertThat(domain.getInstancesList()).hasSize(1);
    assertThat(domain.getSensorData().getFieldsOrThrow("queuelen").getStructValue().getFieldsMap())
        .containsKey("Series");
    Instance instance = domain.getInstances(0);
    assertThat(instance.getSensorData().getFieldsOrThrow("load").getStructValue().getFieldsMap())
        .containsKey("Series");
    assertThat(provisioner.provisionCount()).isEqualTo(1);
  }
}
