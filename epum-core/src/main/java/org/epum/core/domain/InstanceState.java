package org.epum.core.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Instance states, ordered by their code: a state report may only move an instance up this list. */
public enum InstanceState {
  REQUESTING(100),
  REQUESTED(200),
  ERROR_RETRYING(300),
  PENDING(400),
  STARTED(500),
  RUNNING(600),
  RUNNING_FAILED(650),
  TERMINATING(700),
  TERMINATED(800),
  FAILED(900),
  REJECTED(950);

  private final int code;

  InstanceState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The original system's spelling, e.g. {@code 600-RUNNING}. */
  public String label() {
    return code + "-" + name();
  }

  public boolean isAtLeast(InstanceState other) {
    return code >= other.code;
  }

  public boolean isBelow(InstanceState other) {
    return code < other.code;
  }

  /** TERMINATED, FAILED or REJECTED: nothing more will happen to the instance. */
  public boolean isTerminal() {
    return code >= TERMINATED.code;
  }

  public static Optional<InstanceState> fromCode(int code) {
    return Arrays.stream(values()).filter(s -> s.code == code).findFirst();
  }

  /** Accepts {@code RUNNING}, {@code 600-RUNNING} or {@code 600}, case-insensitively. */
  public static Optional<InstanceState> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim().toUpperCase(Locale.ROOT);
    for (InstanceState s : values()) {
      if (t.equals(s.name()) || t.equals(s.label()) || t.equals(Integer.toString(s.code))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
