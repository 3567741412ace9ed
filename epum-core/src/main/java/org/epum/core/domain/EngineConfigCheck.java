package org.epum.core.domain;

/**
 * The hook through which the selected decision engine validates a domain's merged config
 * ({@code general.engine_class} and {@code engine_conf}). Implementations throw an
 * INVALID_ARGUMENT {@link org.epum.core.error.EpumException} that names the key and the fix.
 */
@FunctionalInterface
public interface EngineConfigCheck {
  void check(DomainConfig mergedConfig);
}
