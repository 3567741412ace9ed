package org.epum.server.config;

import java.time.Duration;

/**
 * Timing of the leader roles.
 *
 * @param deciderInterval time between timed decider passes
 * @param deciderRetryInterval how long a REQUESTING or TERMINATING instance waits before its call is re-sent
 * @param deciderDebounce how long a change waits before it wakes the decider early
 */
public record RolesConfig(Duration deciderInterval, Duration deciderRetryInterval, Duration deciderDebounce) {}
