package org.epum.core.decider;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.epum.core.domain.DomainKey;
import org.epum.core.leader.Leadership;
import org.epum.core.leader.Roles;
import org.epum.core.leader.TermWatch;
import org.epum.core.store.EpumStore;
import org.epum.core.store.StoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Decider#runOnce()} every {@code decider.interval}, and early when the store reports
 * a change that matters (a domain or an instance changed), debounced so a burst of changes costs
 * one pass. Owns its single thread, so passes never overlap. Passes run only while this replica
 * leads the decider role; the first pass of each term is preceded by the decider's take-over, and
 * gaining the role wakes the loop at once. A failing pass is logged and the loop goes on.
 */
public final class DecisionLoop extends AbstractIdleService {
  private static final Logger log = LoggerFactory.getLogger(DecisionLoop.class);

  private final Decider decider;
  private final EpumStore store;
  private final Duration interval;
  private final Duration debounce;
  private final Leadership leadership;
  private final TermWatch term;
  private ScheduledExecutorService thread;
  private ScheduledFuture<?> nextPass;
  private AutoCloseable subscription;

  public DecisionLoop(Decider decider, EpumStore store, Duration interval, Duration debounce,
      Leadership leadership) {
    this.decider = requireNonNull(decider);
    this.store = requireNonNull(store);
    this.interval = requireNonNull(interval);
    this.debounce = requireNonNull(debounce);
    this.leadership = requireNonNull(leadership);
    this.term = new TermWatch(Roles.DECIDER, leadership);
  }

  /** Asks for a pass soon (after the debounce); several asks before it runs make one pass. */
  public void wake() {
    if (thread != null) {
      schedule(debounce);
    }
  }

  @Override
  protected void startUp() {
    thread = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("epum-decider-%d").setDaemon(true).build());
    schedule(Duration.ZERO);
    leadership.addChangeListener(() -> schedule(Duration.ZERO));
    subscription = store.addListener(new StoreListener() {
      @Override
      public void domainChanged(DomainKey key) {
        wake();
      }

      @Override
      public void instanceChanged(DomainKey key, String instanceId) {
        wake();
      }
    });
  }

  @Override
  protected void shutDown() throws Exception {
    subscription.close();
    thread.shutdownNow();
    thread.awaitTermination(10, TimeUnit.SECONDS);
  }

  private void pass() {
    synchronized (this) {
      nextPass = null;
    }
    try {
      if (term.lead(decider::takeOver)) {
        decider.runOnce();
      }
    } catch (RuntimeException e) {
      if (!leadership.isLeader(Roles.DECIDER)) {
        log.info("decider pass stopped: this replica no longer leads the decider ({})", e.getMessage());
      } else {
        log.error("decider pass failed", e);
      }
      term.failed(e);
    } finally {
      schedule(interval);
    }
  }

  private synchronized void schedule(Duration delay) {
    if (thread == null || thread.isShutdown()) {
      return;
    }
    if (nextPass != null && nextPass.getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis()) {
      return;
    }
    if (nextPass != null) {
      nextPass.cancel(false);
    }
    nextPass = thread.schedule(this::pass, delay.toMillis(), TimeUnit.MILLISECONDS);
  }
}
