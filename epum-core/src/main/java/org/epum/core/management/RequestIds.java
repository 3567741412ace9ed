package org.epum.core.management;

import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.epum.core.error.EpumException;
import org.epum.core.store.DuplicateRequestException;
import org.epum.core.store.EpumStore;
import org.epum.core.store.RequestMark;

/**
 * Makes a mutation idempotent on its client {@code request_id}: the mutation writes a request mark
 * in its own transaction, so a retry is recognised exactly when the first attempt took effect, and
 * is answered from the current state instead of being applied again.
 */
final class RequestIds {
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");

  private final EpumStore store;
  private final Clock clock;

  RequestIds(EpumStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Applies {@code mutation} once per (owner, requestId). Without a request id it simply applies it.
   *
   * @param replay answers a retry of a request that already took effect
   */
  <T> T once(String owner, String requestId, String operation, String target, Function<RequestMark, T> mutation,
      Supplier<T> replay) {
    if (requestId == null || requestId.isEmpty()) {
      return mutation.apply(RequestMark.NONE);
    }
    if (!ALLOWED.matcher(requestId).matches()) {
      throw EpumException.invalidArgument("request_id must be 1-128 characters of A-Z a-z 0-9 _ . : @ -");
    }
    var earlier = store.request(owner, requestId);
    if (earlier.isPresent()) {
      return replayed(earlier.get(), operation, target, replay);
    }
    try {
      return mutation.apply(new RequestMark(owner, requestId, operation, target, clock.instant()));
    } catch (DuplicateRequestException e) {
      return replayed(e.existing(), operation, target, replay);
    }
  }

  private static <T> T replayed(RequestMark earlier, String operation, String target, Supplier<T> replay) {
    if (!earlier.operation().equals(operation) || !earlier.target().equals(target)) {
      throw EpumException.invalidArgument("request_id " + earlier.requestId() + " was already used for "
          + earlier.operation() + " of " + earlier.target() + "; use a new request_id for each distinct request");
    }
    return replay.get();
  }
}
