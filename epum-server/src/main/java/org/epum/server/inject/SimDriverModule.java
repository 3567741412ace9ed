package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.grpc.BindableService;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import org.epum.server.cloud.CloudDriver;
import org.epum.server.cloud.sim.SimAgents;
import org.epum.server.cloud.sim.SimDriver;
import org.epum.server.config.ServerConfig;
import org.epum.server.config.SimConfig;
import org.epum.server.grpc.GrpcServerService;
import org.epum.server.grpc.SimGrpcService;

/**
 * The {@code sim} driver (provisioner.driver: sim) for {@link EmbeddedCloudModule}. Public bindings:
 * {@link SimDriver}, {@link CloudDriver} (the same), and the Sim fault-injection gRPC service on the
 * API port.
 */
public final class SimDriverModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(CloudDriver.class).to(SimDriver.class);
    Multibinder.newSetBinder(binder(), BindableService.class).addBinding().to(SimGrpcService.class);
  }

  @Provides
  @Singleton
  SimDriver sim(SimConfig config, ScheduledExecutorService scheduler, ServerConfig server,
      Provider<GrpcServerService> api) {
    var agents = new SimAgents(scheduler, Clock.systemUTC(), config.heartbeatInterval(), config.loadMetric(),
        config.agentToken(), EmbeddedCloudModule.agentDests(server, api));
    return new SimDriver(config, scheduler, config.seed() == 0 ? new Random() : new Random(config.seed()), agents);
  }
}
