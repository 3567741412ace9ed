package org.epum.core.events;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.epum.core.domain.DomainKey;
import org.epum.core.store.EpumStore;
import org.epum.core.store.StoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live, resumable streams of a domain's events (what WatchDomain serves). A watch first sends the
 * kept events after its starting sequence, then each event as the store reports it appended (a
 * store listener, never polling); it ends when the domain is deleted, or when it is closed.
 *
 * <p>Threads: sinks are called on this object's single thread ({@code epum-watch-N}), one call at
 * a time per watch, in sequence order; a sink must not block. Store callbacks only schedule work.
 * {@link #start()} registers with the store; {@link #close()} ends every open watch and stops the thread.
 */
public final class DomainEventWatches implements StoreListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DomainEventWatches.class);
  private static final int BATCH = 100;

  /** Where a watch's events go. Called on the watch thread. */
  public interface Sink {
    /** False while the receiver cannot take more (flow control); the watch waits for {@link Watch#wake()}. */
    boolean isReady();

    void send(DomainEvent event);

    /** The domain is gone: the stream is over. */
    void completed();

    /** The server is stopping or the log could not be read. */
    void aborted(String why);
  }

  private final EpumStore store;
  private final DomainEventLog eventLog;
  private final Map<DomainKey, Set<Watch>> watches = new ConcurrentHashMap<>();
  private final ExecutorService executor = Executors.newSingleThreadExecutor(
      new ThreadFactoryBuilder().setNameFormat("epum-watch-%d").setDaemon(true).build());
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile AutoCloseable registration;

  public DomainEventWatches(EpumStore store, DomainEventLog log) {
    this.store = requireNonNull(store);
    this.eventLog = requireNonNull(log);
  }

  /** Registers with the store (idempotent; {@link #open} does it too, so no watch misses live events). */
  public synchronized void start() {
    if (registration == null && !closed.get()) {
      registration = store.addListener(this);
    }
  }

  /** Opens a watch of events after {@code afterSequence}; the caller has checked the domain exists and is the caller's. */
  public Watch open(DomainKey key, long afterSequence, Sink sink) {
    start();
    Watch w = new Watch(key, Math.max(0, afterSequence), requireNonNull(sink));
    watches.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(w);
    w.wake();
    return w;
  }

  /** How many watches are open (for tests and status). */
  public int openWatches() {
    return watches.values().stream().mapToInt(Set::size).sum();
  }

  @Override
  public void eventsChanged(DomainKey key) {
    wakeAll(key);
  }

  @Override
  public void domainChanged(DomainKey key) {
    wakeAll(key);
  }

  private void wakeAll(DomainKey key) {
    Set<Watch> set = watches.get(key);
    if (set != null) {
      set.forEach(Watch::wake);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    AutoCloseable r;
    synchronized (this) {
      r = registration;
      registration = null;
    }
    if (r != null) {
      try {
        r.close();
      } catch (Exception e) {
        log.debug("unregistering the watch listener failed: {}", e.toString());
      }
    }
    // Ended on the watch thread, so a sink is never called from two threads at once.
    watches.values().forEach(set -> set.forEach(w -> executor.execute(() -> w.end(() -> w.sink.aborted(
        "the server is stopping; watch again from sequence " + w.cursor + " on another replica or after the restart")))));
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** One open watch. {@link #close()} it when the receiver goes away. */
  public final class Watch implements AutoCloseable {
    private final DomainKey key;
    private final Sink sink;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile long cursor;

    private Watch(DomainKey key, long cursor, Sink sink) {
      this.key = key;
      this.cursor = cursor;
      this.sink = sink;
    }

    /** Asks for a drain (new events, the domain changed, or the receiver became ready). Cheap; never blocks. */
    public void wake() {
      if (ended.get() || !scheduled.compareAndSet(false, true)) {
        return;
      }
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
      }
    }

    /** The newest sequence sent. */
    public long cursor() {
      return cursor;
    }

    private void drain() {
      scheduled.set(false);
      try {
        while (!ended.get()) {
          if (!sink.isReady()) {
            return;
          }
          var batch = eventLog.read(key, cursor, BATCH);
          if (batch.isEmpty()) {
            break;
          }
          for (DomainEvent e : batch) {
            sink.send(e);
            cursor = e.sequence();
          }
        }
        if (store.domain(key).isEmpty()) {
          end(sink::completed);
        }
      } catch (RuntimeException e) {
        log.warn("domain={} watch failed after sequence {}: {}", key, cursor, e.toString());
        end(() -> sink.aborted("the domain's events could not be read (" + e.getMessage() + "); watch again from "
            + "sequence " + cursor));
      }
    }

    private void end(Runnable how) {
      if (ended.compareAndSet(false, true)) {
        unregister();
        how.run();
      }
    }

    private void unregister() {
      watches.computeIfPresent(key, (k, set) -> {
        set.remove(this);
        return set.isEmpty() ? null : set;
      });
    }

    /** Stops the watch without telling the sink (the receiver went away). Idempotent. */
    @Override
    public void close() {
      if (ended.compareAndSet(false, true)) {
        unregister();
      }
    }
  }
}
