package org.epum.client.agent;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.epum.proto.v1.FailedProcess;

/**
 * Runs the supervised commands and remembers the ones that exited non-zero (or could not start):
 * name, exit code, the tail of their standard error, and when they stopped. A command that exits
 * 0 has finished its work and is not a failure. Nothing is restarted: a failed process stays
 * reported until the agent restarts, so EPUM's engines can replace the instance.
 *
 * <p>Threads: one per command ({@code epum-agent-supervise-<name>}), which drains its standard
 * error, waits for it to exit and records the outcome, then calls {@code onFailure} (which must
 * not block). Standard output is passed through to the agent's.
 */
public final class Supervisor implements AutoCloseable {
  /** supervisord's EXITED state code, the value the original agents sent. */
  static final int STATE_EXITED = 100;
  /** supervisord's FATAL state code: the process could not be started. */
  static final int STATE_FATAL = 200;
  static final int STDERR_TAIL_BYTES = 2048;

  private static final System.Logger log = System.getLogger(Supervisor.class.getName());

  private final List<SupervisedCommand> commands;
  private final Clock clock;
  private final Runnable onFailure;
  private final Map<String, Process> running = new ConcurrentHashMap<>();
  private final List<FailedProcess> failed = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;

  public Supervisor(List<SupervisedCommand> commands, Clock clock, Runnable onFailure) {
    this.commands = List.copyOf(commands);
    this.clock = requireNonNull(clock);
    this.onFailure = requireNonNull(onFailure);
  }

  /** Starts every command; one that cannot start is recorded as failed at once. */
  public synchronized void start() {
    for (SupervisedCommand c : commands) {
      Process p;
      try {
        p = new ProcessBuilder("sh", "-c", c.command()).redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
      } catch (IOException e) {
        record(c, STATE_FATAL, -1, "cannot start: " + e.getMessage());
        continue;
      }
      running.put(c.name(), p);
      Thread t = new Thread(() -> watch(c, p), "epum-agent-supervise-" + c.name());
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /** The processes that failed so far, in the order they failed. */
  public List<FailedProcess> failures() {
    return List.copyOf(failed);
  }

  /** Stops the commands still running (TERM, then KILL after a grace period); failures are no longer recorded. */
  @Override
  public synchronized void close() {
    closed = true;
    running.values().forEach(Process::destroy);
    for (Process p : running.values()) {
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void watch(SupervisedCommand c, Process p) {
    String tail = tail(p.getErrorStream());
    int code;
    try {
      code = p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    running.remove(c.name());
    if (closed) {
      return;
    }
    if (code == 0) {
      log.log(System.Logger.Level.INFO, "supervised process {0} finished (exit code 0)", c.name());
      return;
    }
    record(c, STATE_EXITED, code, tail);
  }

  private void record(SupervisedCommand c, int state, int exitCode, String stderr) {
    log.log(System.Logger.Level.WARNING, "supervised process {0} failed: exit code {1}", c.name(), exitCode);
    failed.add(FailedProcess.newBuilder().setName(c.name()).setState(state).setExitCode(exitCode)
        .setStderr(stderr).setStopTimestamp(clock.instant().getEpochSecond()).build());
    onFailure.run();
  }

  /** Reads the stream to its end, keeping only its last {@link #STDERR_TAIL_BYTES} bytes. */
  static String tail(InputStream in) {
    byte[] ring = new byte[STDERR_TAIL_BYTES];
    long total = 0;
    byte[] buf = new byte[4096];
    try (in) {
      for (int n; (n = in.read(buf)) > 0; ) {
        for (int i = 0; i < n; i++) {
          ring[(int) (total++ % ring.length)] = buf[i];
        }
      }
    } catch (IOException e) {
      // The process went away mid-read: keep what arrived.
    }
    int len = (int) Math.min(total, ring.length);
    byte[] out = new byte[len];
    int start = (int) (total % ring.length);
    for (int i = 0; i < len; i++) {
      out[i] = ring[(total <= ring.length ? i : start + i) % ring.length];
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
