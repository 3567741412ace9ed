package org.epum.core.decider;

import java.util.List;
import org.epum.core.domain.DomainKey;
import org.epum.core.events.EventBody;

/**
 * What one decider pass did to one domain.
 *
 * @param error the engine's failure in this pass, empty when none
 * @param deleted whether the domain finished its removal and was deleted
 */
public record DomainPassResult(DomainKey key, List<EventBody.Decision> decisions, String error, boolean deleted) {
  public DomainPassResult {
    decisions = List.copyOf(decisions);
    error = error == null ? "" : error;
  }
}
