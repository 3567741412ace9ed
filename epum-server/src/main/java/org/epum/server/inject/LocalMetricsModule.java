package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Singleton;

/** Public bindings: a {@link MeterRegistry} kept in memory (StatsD export off). */
public final class LocalMetricsModule extends AbstractModule {
  @Provides
  @Singleton
  MeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }
}
