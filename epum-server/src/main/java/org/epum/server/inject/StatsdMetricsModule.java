package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.statsd.StatsdConfig;
import io.micrometer.statsd.StatsdFlavor;
import io.micrometer.statsd.StatsdMeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import org.epum.server.config.MetricsConfig;

/** Public bindings: a {@link MeterRegistry} that sends to StatsD as metrics.statsd says. Closed by main. */
public final class StatsdMetricsModule extends AbstractModule {
  @Provides
  @Singleton
  MeterRegistry meterRegistry(MetricsConfig config) {
    StatsdConfig statsd = new StatsdConfig() {
      @Override
      public String get(String key) {
        return null;
      }

      @Override
      public StatsdFlavor flavor() {
        return StatsdFlavor.valueOf(config.flavor().toUpperCase(Locale.ROOT));
      }

      @Override
      public String host() {
        return config.host();
      }

      @Override
      public int port() {
        return config.port();
      }

      @Override
      public Duration step() {
        return config.step();
      }
    };
    return new StatsdMeterRegistry(statsd, Clock.SYSTEM);
  }
}
