package org.epum.server.dtrs;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.EngineConfigCheck;
import org.epum.core.error.EpumException;

/**
 * Checks a domain's deployable type and sites against the DTRS on add and reconfigure (when a DTRS
 * is configured). The keys are the built-in engines': the type is engine_conf.epuworker_type,
 * deployable_type or dtname [epu_work_consumer]; the sites are force_site, iaas_site or every
 * clouds[].site_name [ec2-east].
 */
public final class LaunchTargets implements EngineConfigCheck {
  private static final String DEFAULT_TYPE = "epu_work_consumer";
  private static final String DEFAULT_SITE = "ec2-east";

  private final DtrsRegistry dtrs;

  public LaunchTargets(DtrsRegistry dtrs) {
    this.dtrs = requireNonNull(dtrs);
  }

  @Override
  public void check(DomainConfig config) {
    if (!dtrs.isConfigured()) {
      return;
    }
    Map<String, Object> conf = config.section(DomainConfig.ENGINE_CONF);
    String type = first(conf, DEFAULT_TYPE, "epuworker_type", "deployable_type", "dtname");
    for (String site : sites(conf)) {
      dtrs.launchProblem(type, site).ifPresent(problem -> {
        throw EpumException.invalidArgument("engine_conf: " + problem + "; add it with the Dtrs API or to conf/dtrs/"
            + ", or choose a known one (epumctl dtrs list)");
      });
    }
  }

  private static List<String> sites(Map<String, Object> conf) {
    List<String> out = new ArrayList<>();
    if (conf.get("clouds") instanceof List<?> clouds) {
      for (Object c : clouds) {
        if (c instanceof Map<?, ?> m && m.get("site_name") instanceof String s) {
          out.add(s);
        }
      }
      return out;
    }
    out.add(first(conf, DEFAULT_SITE, "force_site", "iaas_site"));
    return out;
  }

  private static String first(Map<String, Object> conf, String fallback, String... keys) {
    for (String k : keys) {
      if (conf.get(k) instanceof String s && !s.isEmpty()) {
        return s;
      }
    }
    return fallback;
  }
}
