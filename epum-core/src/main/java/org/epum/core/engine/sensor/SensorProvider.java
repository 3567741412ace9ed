package org.epum.core.engine.sensor;

import java.util.List;
import java.util.Map;
import org.epum.core.engine.DecisionEngine;
import org.epum.core.engine.EngineProvider;

/** Registers the {@code sensor} engine. */
public final class SensorProvider implements EngineProvider {
  public static final String NAME = "sensor";

  private static final String DOCUMENTATION = """
      sensor: scales a domain between minimum_vms and maximum_vms on one metric. Each pass it
      destroys unhealthy instances and replaces missing ones, keeping the size within
      [minimum_vms, maximum_vms] even during a cooldown. Then, unless a cooldown is running, it
      reads the metric: above scale_up_threshold it grows by scale_up_n_vms, below
      scale_down_threshold it shrinks by scale_down_n_vms (pending instances and retirable_nodes
      first). The metric's value is sample_function over the domain's series when the domain
      reports the metric, otherwise the average over healthy instances of sample_function over
      each instance's series. With no data it does not scale.

      engine_conf keys:
        minimum_vms            (required) whole number >= 0
        maximum_vms            [minimum_vms] whole number >= minimum_vms
        metric                 [none] metric to scale on; without it the size only follows
                               minimum_vms and maximum_vms
        sample_function        [Average] one of Average, Sum, Maximum, Minimum, SampleCount
        scale_up_threshold     [none] grow when the value is above this (needs metric)
        scale_up_n_vms         [1] how many instances to add per scale-up
        scale_down_threshold   [none] shrink when the value is below this (needs metric)
        scale_down_n_vms       [1] how many instances to remove per scale-down
        cooldown_period        [0] seconds after a scale action before the next one
        deployable_type        [epu_work_consumer] deployable type to launch
        iaas_site              [ec2-east] site to launch at
        iaas_allocation        [small] allocation (instance size) to launch with
        retirable_nodes        [none] list of instance ids to destroy first when shrinking
        unique_key             [none] extravars name under which each instance gets a unique value
        unique_values          [none] list of values, or a comma-separated string
        sensor_type            [heartbeat] where metrics come from: heartbeat (agents' heartbeats),
                               prometheus, opentsdb, or mockcloudwatch (fixed series from sensor_data)
        monitor_sensors        [none] list of instance metrics to gather
        monitor_domain_sensors [none] list of domain metrics to gather
        sensor_data            [none] map of metric to a list of numbers (used by mockcloudwatch only)
        prometheus_url         [none] Prometheus base URL (sensor_type prometheus)
        prometheus_query       [none] PromQL query giving the metric (sensor_type prometheus)
        provisioner_vars       [none] map of extra variables merged into every launch's vars
      Any other key is rejected.
      """;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of(SensorEngine.class.getName(), "epu.decisionengine.impls.sensor.SensorEngine", "SensorEngine");
  }

  @Override
  public String documentation() {
    return DOCUMENTATION;
  }

  @Override
  public void validate(Map<String, Object> engineConf) {
    SensorConfig.parse(engineConf);
  }

  @Override
  public DecisionEngine create() {
    return new SensorEngine();
  }
}
