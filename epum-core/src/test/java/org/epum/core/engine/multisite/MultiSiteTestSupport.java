package org.epum.core.engine.multisite;

import static org.epum.core.testing.EngineTestSupport.cloud;
import static org.epum.core.testing.EngineTestSupport.conf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.epum.core.testing.EngineHarness;
import org.epum.core.testing.RecordingEngineControl.Launch;

/** Confs in the shape of the original's tests: minimum = maximum = n, dtname testdt, m1.small. */
final class MultiSiteTestSupport {
  private MultiSiteTestSupport() {}

  /** Clouds from alternating site names and sizes, ranked in the given order. */
  static List<Object> clouds(Object... sitesAndSizes) {
    List<Object> clouds = new ArrayList<>();
    for (int i = 0; i < sitesAndSizes.length; i += 2) {
      clouds.add(cloud((String) sitesAndSizes[i], (Integer) sitesAndSizes[i + 1], i / 2 + 1));
    }
    return clouds;
  }

  static Map<String, Object> multisite(int n, List<Object> clouds) {
    return conf("clouds", clouds, "minimum_vms", n, "maximum_vms", n, "dtname", "testdt", "instance_type", "m1.small");
  }

  static EngineHarness start(int n, List<Object> clouds) {
    return EngineHarness.start(new MultiSiteEngine(), multisite(n, clouds));
  }

  static long launchesAt(EngineHarness h, String site) {
    return h.control().launches().stream().map(Launch::request).filter(r -> r.site().equals(site)).count();
  }

  static int net(EngineHarness h) {
    return h.control().launchCount() - h.control().destroyCount();
  }
}
