package org.epum.core.engine.needy;

import java.util.Map;
import org.epum.core.engine.support.PreserveN;
import org.epum.core.engine.support.PreserveNEngine;

/**
 * Keeps {@code preserve_n} healthy live instances, like the simplest engine, for a need registered
 * by another service: instances listed in {@code retirable_nodes} go first on scale-down, and with
 * {@code unique_key}/{@code unique_values} each live instance holds a distinct value in its
 * extravars (a replacement takes the first free value; when none is free nothing more launches).
 */
public final class NeedyEngine extends PreserveNEngine {
  @Override
  protected PreserveN planOf(Map<String, Object> engineConf) {
    NeedyConfig conf = NeedyConfig.parse(engineConf);
    return new PreserveN(conf.preserveN(), conf.template(), conf.uniques(), conf.retirable());
  }
}
