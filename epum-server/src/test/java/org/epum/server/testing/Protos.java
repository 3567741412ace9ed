package org.epum.server.testing;

import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Small helpers for writing proto-level tests readably. */
public final class Protos {
  private Protos() {}

  /** A Struct from JSON, e.g. {@code struct("{\"engine_conf\": {\"preserve_n\": 2}}")}. */
  public static Struct struct(String json) {
    Struct.Builder b = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json, b);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(e);
    }
    return b.build();
  }

  public static Timestamp at(long epochSeconds) {
    return Timestamp.newBuilder().setSeconds(epochSeconds).build();
  }

  public static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  /** Asserts the call fails with {@code code} and returns the status description. */
  public static String failsWith(Status.Code code, ThrowingCallable call) {
    var captured = new String[1];
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      org.assertj.core.api.Assertions.assertThat(e.getStatus().getCode()).as(e.getStatus().toString())
          .isEqualTo(code);
      captured[0] = e.getStatus().getDescription();
    });
    return captured[0];
  }
}
