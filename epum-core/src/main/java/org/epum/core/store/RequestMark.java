package org.epum.core.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The record of an accepted mutation that carried a client {@code request_id}. The store writes it
 * in the same transaction as the mutation, so a retried request is recognised exactly when the
 * first attempt took effect. {@link #NONE} means the call carried no request id.
 *
 * @param operation the API operation, e.g. {@code AddDomain}; reusing a request id for another
 *     operation or target is a client error
 * @param target what it acted on, e.g. {@code domain:owner/d1} or {@code definition:def1}
 */
public record RequestMark(String owner, String requestId, String operation, String target, Instant at) {
  public static final RequestMark NONE = new RequestMark("", "", "", "", Instant.EPOCH);

  public RequestMark {
    requireNonNull(owner, "owner");
    requireNonNull(requestId, "requestId");
    requireNonNull(operation, "operation");
    requireNonNull(target, "target");
    requireNonNull(at, "at");
  }

  public boolean isNone() {
    return requestId.isEmpty();
  }
}
