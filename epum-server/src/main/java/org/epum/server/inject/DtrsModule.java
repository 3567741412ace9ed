package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.grpc.BindableService;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.epum.core.domain.EngineConfigCheck;
import org.epum.server.dtrs.DtrsRegistry;
import org.epum.server.dtrs.DtrsService;
import org.epum.server.dtrs.LaunchTargets;
import org.epum.server.grpc.DtrsGrpcService;

/**
 * The embedded DTRS. Public bindings: {@link DtrsRegistry} (checked against only when
 * {@code configured}), {@link DtrsService} (seeds it from {@code dir} at start), the Dtrs gRPC
 * service on the API port, and the domain check {@link LaunchTargets} in the set of extra
 * {@link EngineConfigCheck}s.
 */
public final class DtrsModule extends AbstractModule {
  private final boolean configured;
  private final Path dir;

  public DtrsModule(boolean configured, Path dir) {
    this.configured = configured;
    this.dir = dir;
  }

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), BindableService.class).addBinding().to(DtrsGrpcService.class);
    Multibinder.newSetBinder(binder(), EngineConfigCheck.class).addBinding().to(LaunchTargets.class);
  }

  @Provides
  @Singleton
  DtrsRegistry registry() {
    return new DtrsRegistry(configured);
  }

  @Provides
  @Singleton
  LaunchTargets launchTargets(DtrsRegistry registry) {
    return new LaunchTargets(registry);
  }

  @Provides
  @Singleton
  DtrsService service(DtrsRegistry registry) {
    return new DtrsService(registry, dir);
  }
}
