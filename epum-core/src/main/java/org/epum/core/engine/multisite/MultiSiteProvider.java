package org.epum.core.engine.multisite;

import java.util.List;
import java.util.Map;
import org.epum.core.engine.DecisionEngine;
import org.epum.core.engine.EngineProvider;

/** Registers the {@code multisite} engine (Phantom's multi-site overflow engine). */
public final class MultiSiteProvider implements EngineProvider {
  public static final String NAME = "multisite";

  private static final String DOCUMENTATION = """
      multisite (Phantom multi-site overflow): keeps a domain's instances spread over several
      sites ("clouds") in priority order. It fills sites by rank, each up to its size; launches go
      to the best-ranked site with room, and when the domain or a site's size shrinks it destroys
      from the lowest-ranked site first. Healthy instances are never moved just because a better
      site gained room; only replacements go there. It learns a site's real capacity: after 32
      launches at a site have failed (FAILED or REJECTED without ever running), the site's
      capacity is taken to be the healthy instances it holds then, and launches overflow to the
      next site. Unhealthy instances are destroyed and replaced. With a metric it scales between
      minimum_vms and maximum_vms like the sensor engine.

      engine_conf keys:
        clouds               (required) list of {site_name: string, size: whole number (-1 = no
                             limit), rank: whole number}; ranks must be 1..N, each used once.
                             A reconfigure replaces the whole list.
        minimum_vms          (required) whole number >= 0: the size to keep
        maximum_vms          [minimum_vms] whole number >= minimum_vms
        dtname               (required) deployable type to launch
        iaas_allocation      [small] allocation (instance size); instance_type is accepted as
                             its older name
        metric, sample_function [Average], scale_up_threshold, scale_up_n_vms [1],
        scale_down_threshold, scale_down_n_vms [1], cooldown_period [0 s], sensor_type
        [heartbeat], monitor_sensors, monitor_domain_sensors, sensor_data, prometheus_url,
        prometheus_query: as for the sensor engine (all optional)
        provisioner_vars     [none] map of extra variables merged into every launch's vars
      Any other key is rejected; domain_desired_size is no longer used (set minimum_vms).
      """;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of(MultiSiteEngine.class.getName(),
        "epu.decisionengine.impls.phantom_multi_site_overflow.PhantomMultiSiteOverflowEngine",
        "PhantomMultiSiteOverflowEngine");
  }

  @Override
  public String documentation() {
    return DOCUMENTATION;
  }

  @Override
  public void validate(Map<String, Object> engineConf) {
    MultiSiteConfig.parse(engineConf);
  }

  @Override
  public DecisionEngine create() {
    return new MultiSiteEngine();
  }
}
