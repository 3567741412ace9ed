package org.epum.core.engine;

/** The ids EPUM chose for a launch: the launch and its one instance. */
public record Launched(String launchId, String instanceId) {}
