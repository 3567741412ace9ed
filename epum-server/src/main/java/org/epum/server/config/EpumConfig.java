package org.epum.server.config;

import org.epum.core.reactor.HeartbeatSettings;

/** The whole server config, one record per concern; each component is given only its own. */
public record EpumConfig(ServerConfig server, StoreType store, ZooKeeperConfig zookeeper,
    EmbeddedZooKeeperConfig embeddedZookeeper, AuthConfig auth, MetricsConfig metrics, ModeConfig mode,
    RolesConfig roles, ProvisionerConfig provisioner, NotifyConfig notifications, HeartbeatSettings heartbeat,
    SimConfig sim, LocalConfig local, DtrsConfig dtrs) {}
