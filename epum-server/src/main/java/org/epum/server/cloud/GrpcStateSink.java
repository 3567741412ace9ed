package org.epum.server.cloud;

import static java.util.Objects.requireNonNull;

import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.epum.proto.v1.InstanceStateReport;
import org.epum.proto.v1.InstanceStatesGrpc;
import org.epum.proto.v1.NodeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone Provisioner's push: EPUM's InstanceStates service over gRPC, with a bearer token
 * (role provisioner) when auth is on. NOT_FOUND (EPUM does not know the node) is acknowledged
 * and dropped; any other failure is thrown so the pusher retries.
 */
public final class GrpcStateSink implements InstanceStateSink {
  private static final Logger log = LoggerFactory.getLogger(GrpcStateSink.class);
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Channel channel;
  private final String token;
  private final Duration timeout;

  public GrpcStateSink(Channel channel, String token, Duration timeout) {
    this.channel = requireNonNull(channel);
    this.token = requireNonNull(token);
    this.timeout = requireNonNull(timeout);
  }

  @Override
  public void push(NodeRecord node) {
    var stub = InstanceStatesGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!token.isEmpty()) {
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, "Bearer " + token);
      stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    var report = InstanceStateReport.newBuilder().setNodeId(node.getInstanceId()).setState(node.getState())
        .setUpdateCounter(node.getUpdateCounter()).setIaasId(node.getIaasId()).setPublicIp(node.getPublicIp())
        .setPrivateIp(node.getPrivateIp()).setHostname(node.getHostname()).setStateDesc(node.getStateDesc()).build();
    try {
      stub.reportInstanceState(report);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
      log.info("instance={} is not known to EPUM; dropping its state {}", node.getInstanceId(), node.getState());
    }
  }
}
