package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.name.Named;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.epum.core.doctor.AgentProber;
import org.epum.core.doctor.Doctor;
import org.epum.core.events.DomainEventLog;
import org.epum.core.leader.Leadership;
import org.epum.core.leader.RoleLoop;
import org.epum.core.leader.Roles;
import org.epum.core.reaper.Reaper;
import org.epum.core.store.EpumStore;
import org.epum.server.agent.GrpcAgentProber;
import org.epum.server.config.RolesConfig;

/**
 * Public bindings: the {@link Doctor} with its {@link AgentProber} (Agent.DumpState over gRPC,
 * started and stopped by EpumServer), the {@link Reaper}, and their timed loops
 * ({@code @Named("doctor")}, {@code @Named("reaper")}; started only outside external-decide mode).
 */
public final class HealthRolesModule extends AbstractModule {
  @Provides
  @Singleton
  GrpcAgentProber grpcAgentProber() {
    return new GrpcAgentProber();
  }

  @Provides
  @Singleton
  Doctor doctor(EpumStore store, DomainEventLog events, GrpcAgentProber prober, Clock clock, Leadership leadership,
      MeterRegistry meters) {
    return new Doctor(store, events, prober, clock, () -> leadership.fence(Roles.DOCTOR), meters);
  }

  @Provides
  @Singleton
  Reaper reaper(EpumStore store, Clock clock, RolesConfig roles, Leadership leadership, MeterRegistry meters) {
    return new Reaper(store, clock, roles.reaperMaxAge(), () -> leadership.fence(Roles.REAPER), meters);
  }

  @Provides
  @Singleton
  @Named(Roles.DOCTOR)
  RoleLoop doctorLoop(Doctor doctor, RolesConfig roles, Leadership leadership) {
    return new RoleLoop(Roles.DOCTOR, doctor::runOnce, doctor::takeOver, roles.doctorInterval(), leadership);
  }

  @Provides
  @Singleton
  @Named(Roles.REAPER)
  RoleLoop reaperLoop(Reaper reaper, RolesConfig roles, Leadership leadership) {
    return new RoleLoop(Roles.REAPER, reaper::runOnce, () -> {}, roles.reaperInterval(), leadership);
  }
}
