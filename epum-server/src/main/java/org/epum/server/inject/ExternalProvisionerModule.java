package org.epum.server.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.grpc.ManagedChannel;
import jakarta.inject.Singleton;
import org.epum.core.provisioner.Provisioner;
import org.epum.server.config.ProvisionerConfig;
import org.epum.server.provisioner.GrpcProvisioner;
import org.epum.server.provisioner.ProvisionerChannels;

/**
 * Public bindings: the {@link Provisioner} the decider calls, over gRPC to provisioner.endpoint, and
 * its {@link ManagedChannel} (shut down by EpumServer's ChannelService).
 */
public final class ExternalProvisionerModule extends AbstractModule {
  @Provides
  @Singleton
  ManagedChannel provisionerChannel(ProvisionerConfig config) {
    return ProvisionerChannels.forTarget(config.endpoint());
  }

  @Provides
  @Singleton
  Provisioner provisioner(ManagedChannel channel, ProvisionerConfig config) {
    return new GrpcProvisioner(channel, config.timeout());
  }
}
