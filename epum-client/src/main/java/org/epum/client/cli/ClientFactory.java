package org.epum.client.cli;

import io.grpc.Channel;
import org.epum.client.EpumClient;
import org.epum.client.GrpcEpumClient;

/**
 * How {@code epumctl} gets its client. The CLI calls {@link #connect} once per command and closes
 * the client when the command ends.
 *
 * <p>{@link #grpc()} is what the real binary uses. {@link #forChannel} lets tests run the CLI
 * in-process against a channel they own (in-process or real), still through {@link
 * GrpcEpumClient}, so metadata and deadlines are exercised.
 */
@FunctionalInterface
public interface ClientFactory {
  EpumClient connect(ConnectionSettings settings);

  /** Opens a plaintext channel to {@code settings.server()} per command. */
  static ClientFactory grpc() {
    return s -> configure(GrpcEpumClient.builder(s.server()), s);
  }

  /** Uses {@code channel} (owned by the caller) and ignores {@code settings.server()}. */
  static ClientFactory forChannel(Channel channel) {
    return s -> configure(GrpcEpumClient.forChannel(channel), s);
  }

  private static EpumClient configure(GrpcEpumClient.Builder b, ConnectionSettings s) {
    return b.token(s.token()).actAs(s.actAs()).deadline(s.timeout()).build();
  }
}
