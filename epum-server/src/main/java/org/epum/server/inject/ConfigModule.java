package org.epum.server.inject;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import java.time.Clock;
import org.epum.core.reactor.HeartbeatSettings;
import org.epum.server.ClockControl;
import org.epum.server.ServerInfo;
import org.epum.server.config.AuthConfig;
import org.epum.server.config.DtrsConfig;
import org.epum.server.config.EmbeddedZooKeeperConfig;
import org.epum.server.config.EpumConfig;
import org.epum.server.config.MetricsConfig;
import org.epum.server.config.ModeConfig;
import org.epum.server.config.NotifyConfig;
import org.epum.server.config.ProvisionerConfig;
import org.epum.server.config.RolesConfig;
import org.epum.server.config.ServerConfig;
import org.epum.server.config.SimConfig;
import org.epum.server.config.ZooKeeperConfig;

/**
 * Public bindings: each config record (so a component is given only its own), the
 * {@link ClockControl} and the {@link Clock} every component reads, and {@link ServerInfo}.
 */
public final class ConfigModule extends AbstractModule {
  private final EpumConfig config;
  private final ClockControl clock;
  private final ServerInfo info;

  public ConfigModule(EpumConfig config, ClockControl clock, ServerInfo info) {
    this.config = requireNonNull(config);
    this.clock = requireNonNull(clock);
    this.info = requireNonNull(info);
  }

  @Override
  protected void configure() {
    bind(EpumConfig.class).toInstance(config);
    bind(ServerConfig.class).toInstance(config.server());
    bind(ZooKeeperConfig.class).toInstance(config.zookeeper());
    bind(EmbeddedZooKeeperConfig.class).toInstance(config.embeddedZookeeper());
    bind(AuthConfig.class).toInstance(config.auth());
    bind(MetricsConfig.class).toInstance(config.metrics());
    bind(ModeConfig.class).toInstance(config.mode());
    bind(RolesConfig.class).toInstance(config.roles());
    bind(ProvisionerConfig.class).toInstance(config.provisioner());
    bind(NotifyConfig.class).toInstance(config.notifications());
    bind(HeartbeatSettings.class).toInstance(config.heartbeat());
    bind(SimConfig.class).toInstance(config.sim());
    bind(org.epum.server.config.LocalConfig.class).toInstance(config.local());
    bind(DtrsConfig.class).toInstance(config.dtrs());
    bind(ClockControl.class).toInstance(clock);
    bind(Clock.class).toInstance(clock.clock());
    bind(ServerInfo.class).toInstance(info);
  }
}
