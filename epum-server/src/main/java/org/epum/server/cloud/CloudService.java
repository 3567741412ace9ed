package org.epum.server.cloud;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractIdleService;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded Provisioner's lifecycle: on start it loads its nodes (so it needs the store up) and
 * serves the Provisioner in-process under {@code inProcessName}, where the decider's channel
 * points; on stop it stops the driver, the in-process server and the scheduler, which it owns.
 */
public final class CloudService extends AbstractIdleService {
  private final EmbeddedProvisioner provisioner;
  private final BindableService service;
  private final String inProcessName;
  private final ScheduledExecutorService scheduler;
  private Server server;

  public CloudService(EmbeddedProvisioner provisioner, BindableService service, String inProcessName,
      ScheduledExecutorService scheduler) {
    this.provisioner = requireNonNull(provisioner);
    this.service = requireNonNull(service);
    this.inProcessName = requireNonNull(inProcessName);
    this.scheduler = requireNonNull(scheduler);
  }

  @Override
  protected void startUp() throws java.io.IOException {
    provisioner.start();
    server = InProcessServerBuilder.forName(inProcessName).directExecutor().addService(service).build().start();
  }

  @Override
  protected void shutDown() throws InterruptedException {
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    provisioner.stop();
    scheduler.shutdown();
    if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
      scheduler.shutdownNow();
    }
  }
}
