package org.epum.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/** Adds the caller's identity headers (bearer token, act-as owner) to every call. */
final class CallerMetadata implements ClientInterceptor {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> ACT_AS =
      Metadata.Key.of("epum-act-as", Metadata.ASCII_STRING_MARSHALLER);

  private final String token;
  private final String actAs;

  CallerMetadata(String token, String actAs) {
    this.token = blankToNull(token);
    this.actAs = blankToNull(actAs);
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions options, Channel next) {
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<RespT> listener, Metadata headers) {
        if (token != null) {
          headers.put(AUTHORIZATION, "Bearer " + token);
        }
        if (actAs != null) {
          headers.put(ACT_AS, actAs);
        }
        super.start(listener, headers);
      }
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
