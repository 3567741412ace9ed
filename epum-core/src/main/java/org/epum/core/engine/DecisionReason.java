package org.epum.core.engine;

/** Why an engine acted, or why it did nothing; recorded in the decision log (mirrors the API's DecisionReason). */
public enum DecisionReason {
  AT_TARGET,
  COOLDOWN,
  AT_MAXIMUM,
  AT_MINIMUM,
  WAITING_FOR_PENDING,
  REPLACING_UNHEALTHY,
  SCALE_UP,
  SCALE_DOWN,
  ENGINE_ERROR,
  BELOW_TARGET,
  ABOVE_TARGET,
  DOMAIN_REMOVING,
  RETRY_LAUNCH,
  RETRY_TERMINATE,
  SITE_AT_CAPACITY
}
