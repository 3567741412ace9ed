package org.epum.core.engine.simplest;

import java.util.List;
import java.util.Map;
import org.epum.core.engine.support.PreserveN;
import org.epum.core.engine.support.PreserveNEngine;
import org.epum.core.engine.support.UniqueValues;

/**
 * Keeps {@code preserve_n} healthy live instances of one deployable type at one site: destroys the
 * unhealthy, launches the shortfall, destroys the excess (pending before RUNNING, newest first).
 * FAILED, REJECTED and ERROR_RETRYING instances are not live, so they are replaced and never
 * destroyed (the original counted REJECTED and ERROR_RETRYING as live and never replaced them).
 */
public final class SimplestEngine extends PreserveNEngine {
  @Override
  protected PreserveN planOf(Map<String, Object> engineConf) {
    SimplestConfig conf = SimplestConfig.parse(engineConf);
    return new PreserveN(conf.preserveN(), conf.template(), UniqueValues.none(), List.of());
  }
}
