package org.epum.server.notify;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractIdleService;
import jakarta.inject.Inject;
import org.epum.core.events.DomainEventWatches;

/**
 * The lifecycle of WatchDomain streams: registers with the store on start; on stop ends every open
 * stream (UNAVAILABLE, saying where to resume). Start it after the gRPC server, so it stops before
 * it and open streams do not hold up the server's graceful shutdown.
 */
public final class DomainWatchService extends AbstractIdleService {
  private final DomainEventWatches watches;

  @Inject
  public DomainWatchService(DomainEventWatches watches) {
    this.watches = requireNonNull(watches);
  }

  @Override
  protected void startUp() {
    watches.start();
  }

  @Override
  protected void shutDown() {
    watches.close();
  }
}
