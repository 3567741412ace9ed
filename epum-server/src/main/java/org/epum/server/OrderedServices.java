package org.epum.server;

import com.google.common.util.concurrent.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts services one after another and stops them in reverse. Guava's ServiceManager starts
 * everything at once, but here order matters: ZooKeeper before Curator before the store before
 * the API. A failed start stops what had started and rethrows the cause.
 */
final class OrderedServices {
  private static final Logger log = LoggerFactory.getLogger(OrderedServices.class);
  private static final long STOP_SECONDS = 60;

  private final List<Service> services;
  private final List<Service> started = new ArrayList<>();

  OrderedServices(List<Service> services) {
    this.services = List.copyOf(services);
  }

  synchronized void start() {
    for (Service s : services) {
      try {
        s.startAsync().awaitRunning();
        started.add(s);
      } catch (IllegalStateException e) {
        stop();
        Throwable cause = s.failureCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException("could not start " + s + ": " + cause, cause);
      }
    }
  }

  synchronized void stop() {
    for (int i = started.size() - 1; i >= 0; i--) {
      Service s = started.get(i);
      try {
        s.stopAsync().awaitTerminated(STOP_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException | IllegalStateException e) {
        log.warn("{} did not stop cleanly: {}", s, e.toString());
      }
    }
    started.clear();
  }
}
