package org.epum.server;

import java.time.Instant;

/** Facts about this replica for status calls and logs. */
public record ServerInfo(String replicaId, String version, String storeType, String listen, Instant started) {}
