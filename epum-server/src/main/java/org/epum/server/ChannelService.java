package org.epum.server;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractIdleService;
import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/** Shuts an outbound gRPC channel down when the server stops (channels connect lazily, so start is a no-op). */
final class ChannelService extends AbstractIdleService {
  private final ManagedChannel channel;

  ChannelService(ManagedChannel channel) {
    this.channel = requireNonNull(channel);
  }

  @Override
  protected void startUp() {}

  @Override
  protected void shutDown() throws InterruptedException {
    channel.shutdown();
    if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
      channel.shutdownNow();
    }
  }
}
