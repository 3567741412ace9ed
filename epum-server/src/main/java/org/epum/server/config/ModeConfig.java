package org.epum.server.config;

/**
 * How the roles run.
 *
 * @param externalDecide no timed loops; passes run only through EpumAdmin, on a manual clock
 */
public record ModeConfig(boolean externalDecide) {}
