package org.epum.core.decider;

import java.time.Clock;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.EngineState;
import org.epum.core.error.EpumException;
import org.epum.core.error.ErrorCode;
import org.epum.core.store.EpumStore;
import org.epum.core.store.Fence;
import org.epum.core.store.RequestMark;

/** Persists a domain's engine state when it changed, retrying over concurrent API writes. */
final class EngineStates {
  private static final int MAX_ATTEMPTS = 8;

  private EngineStates() {}

  static void persist(EpumStore store, DomainKey key, EngineState state, Fence fence, Clock clock) {
    for (int attempt = 1; ; attempt++) {
      var stored = store.domain(key).orElse(null);
      if (stored == null || stored.value().engineState() == state) {
        return;
      }
      try {
        store.updateDomain(stored.value().withEngineState(state, clock.instant()), stored.version(),
            RequestMark.NONE, fence);
        return;
      } catch (EpumException e) {
        if (e.code() != ErrorCode.VERSION_CONFLICT || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
