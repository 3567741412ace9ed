package org.epum.server.provisioner;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.List;
import java.util.Map;

/**
 * Builds the channel to the Provisioner with gRPC's own retry policy: UNAVAILABLE calls are
 * retried a few times with backoff inside their deadline. Safe because Provision is idempotent
 * on instance id and TerminateNodes and DumpState are idempotent.
 */
public final class ProvisionerChannels {
  private ProvisionerChannels() {}

  public static ManagedChannel forTarget(String target) {
    Map<String, Object> retryPolicy = Map.of(
        "maxAttempts", 4.0,
        "initialBackoff", "0.1s",
        "maxBackoff", "1s",
        "backoffMultiplier", 2.0,
        "retryableStatusCodes", List.of("UNAVAILABLE"));
    Map<String, Object> serviceConfig = Map.of("methodConfig", List.of(Map.of(
        "name", List.of(Map.of("service", "epum.v1.Provisioner")),
        "retryPolicy", retryPolicy)));
    return NettyChannelBuilder.forTarget(target).usePlaintext().defaultServiceConfig(serviceConfig).enableRetry()
        .build();
  }
}
