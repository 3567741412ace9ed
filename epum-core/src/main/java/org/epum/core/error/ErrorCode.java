package org.epum.core.error;

/**
 * Every failure the core can report. The gRPC layer maps each code to exactly one status in one
 * exhaustive switch, so adding a code here fails compilation until it is mapped.
 */
public enum ErrorCode {
  /** The named object does not exist (or belongs to another owner). */
  NOT_FOUND,
  /** An object with that name already exists. */
  ALREADY_EXISTS,
  /** The request itself is wrong: a bad name, bad config, unknown engine. */
  INVALID_ARGUMENT,
  /** The object is in a state that does not allow the operation; retrying will not help until it changes. */
  WRONG_STATE,
  /** A compare-and-set lost: the object changed since it was read. Re-read and retry. */
  VERSION_CONFLICT,
  /** The store cannot be reached or the session was lost; the call may be retried. */
  STORE_UNAVAILABLE,
  /** This replica is not (or no longer) the leader of the role that tried to act. */
  NOT_LEADER,
  /** The caller did not identify itself. */
  UNAUTHENTICATED,
  /** The caller is known but lacks the role the operation needs. */
  PERMISSION_DENIED,
  /** The operation exists in the API but is not implemented by this server yet. */
  UNIMPLEMENTED,
  /** A bug or an unexpected failure; details are logged, never sent to clients. */
  INTERNAL
}
