package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Singleton;
import org.epum.core.domain.DomainConfigValidator;

/**
 * Public bindings: {@link DomainConfigValidator}. The core services (DefinitionService,
 * DomainService, InstanceStateIntake, HeartbeatIntake) bind just-in-time through their
 * {@code @Inject} constructors.
 */
public final class CoreModule extends AbstractModule {
  @Provides
  @Singleton
  DomainConfigValidator domainConfigValidator() {
    return DomainConfigValidator.withoutEngineChecks();
  }
}
