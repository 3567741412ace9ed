package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Singleton;
import java.util.Set;
import org.epum.core.domain.DomainConfigValidator;
import org.epum.core.engine.EngineRegistry;

/**
 * Public bindings: {@link DomainConfigValidator}, checking engine_conf with the selected engine. The core services (DefinitionService,
 * DomainService, InstanceStateIntake, HeartbeatIntake) bind just-in-time through their
 * {@code @Inject} constructors.
 */
public final class CoreModule extends AbstractModule {
  @Override
  protected void configure() {
    // Extra gRPC services on the API port (e.g. the embedded Provisioner); empty unless a module adds some.
    com.google.inject.multibindings.Multibinder.newSetBinder(binder(), io.grpc.BindableService.class);
    // Extra domain checks run after the engine's own (e.g. the DTRS's deployable types and sites).
    com.google.inject.multibindings.Multibinder.newSetBinder(binder(), org.epum.core.domain.EngineConfigCheck.class);
  }

  @Provides
  @Singleton
  DomainConfigValidator domainConfigValidator(EngineRegistry engines,
      Set<org.epum.core.domain.EngineConfigCheck> extra) {
    return new DomainConfigValidator(config -> {
      engines.check(config);
      extra.forEach(check -> check.check(config));
    });
  }
}
