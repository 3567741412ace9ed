package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.concurrent.ScheduledExecutorService;
import org.epum.server.cloud.CloudDriver;
import org.epum.server.cloud.local.LocalDriver;
import org.epum.server.config.LocalConfig;
import org.epum.server.config.ServerConfig;
import org.epum.server.grpc.GrpcServerService;

/**
 * The {@code local} driver (provisioner.driver: local) for {@link EmbeddedCloudModule}: an
 * epum-agent process per instance. Public bindings: {@link LocalDriver}, {@link CloudDriver} (the same).
 */
public final class LocalDriverModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(CloudDriver.class).to(LocalDriver.class);
  }

  @Provides
  @Singleton
  LocalDriver local(LocalConfig config, ScheduledExecutorService scheduler, ServerConfig server,
      Provider<GrpcServerService> api) {
    return new LocalDriver(config, scheduler, EmbeddedCloudModule.agentDests(server, api));
  }
}
