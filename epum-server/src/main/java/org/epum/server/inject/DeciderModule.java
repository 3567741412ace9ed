package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.epum.core.decider.Decider;
import org.epum.core.decider.DeciderConfig;
import org.epum.core.decider.DecisionLoop;
import org.epum.core.decider.SensorGatherer;
import org.epum.core.engine.EngineRegistry;
import org.epum.core.events.DomainEventLog;
import org.epum.core.leader.Leadership;
import org.epum.core.leader.Roles;
import org.epum.core.provisioner.Provisioner;
import org.epum.core.sensor.ConfiguredSensors;
import org.epum.core.sensor.PrometheusQueries;
import org.epum.core.store.EpumStore;
import org.epum.server.config.ProvisionerConfig;
import org.epum.server.config.RolesConfig;
import org.epum.server.config.ServerConfig;

/**
 * Public bindings: {@link EngineRegistry} (built-in and classpath engines), the {@link SensorGatherer}, the
 * {@link Decider} and its timed {@link DecisionLoop} (started only outside external-decide mode). The
 * {@link Provisioner} it calls comes from ExternalProvisionerModule or EmbeddedCloudModule.
 */
public final class DeciderModule extends AbstractModule {
  private static final Duration SENSOR_TIMEOUT = Duration.ofSeconds(5);

  @Provides
  @Singleton
  EngineRegistry engineRegistry() {
    return EngineRegistry.fromClasspath();
  }

  @Provides
  @Singleton
  SensorGatherer sensors() {
    return new ConfiguredSensors(new PrometheusQueries(SENSOR_TIMEOUT));
  }

  @Provides
  @Singleton
  Decider decider(EpumStore store, DomainEventLog events, EngineRegistry engines, Provisioner provisioner,
      SensorGatherer sensors, Clock clock, RolesConfig roles, ProvisionerConfig provisionerConfig,
      ServerConfig server, Leadership leadership, MeterRegistry meters) {
    var config = new DeciderConfig(roles.deciderInterval(), roles.deciderRetryInterval(), provisionerConfig.vars(),
        server.effectiveHeartbeatDest());
    return new Decider(store, events, engines, provisioner, sensors, clock, config,
        () -> leadership.fence(Roles.DECIDER), meters);
  }

  @Provides
  @Singleton
  DecisionLoop decisionLoop(Decider decider, EpumStore store, RolesConfig roles, Leadership leadership) {
    return new DecisionLoop(decider, store, roles.deciderInterval(), roles.deciderDebounce(), leadership);
  }
}
