package org.epum.server.config;

import java.time.Duration;

/** StatsD export of the server's meters. */
public record MetricsConfig(boolean enabled, String host, int port, String flavor, Duration step) {}
