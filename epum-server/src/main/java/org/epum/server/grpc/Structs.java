package org.epum.server.grpc;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * google.protobuf.Struct to plain values and back. Struct has one number type; a number with no
 * fractional part that fits a long becomes a Long, any other a Double, so integers round-trip.
 */
public final class Structs {
  private static final double LONG_LIMIT = 9.007199254740992E15; // 2^53: beyond it doubles skip integers

  private Structs() {}

  public static Map<String, Object> toMap(Struct struct) {
    Map<String, Object> out = new LinkedHashMap<>();
    struct.getFieldsMap().forEach((k, v) -> out.put(k, toJava(v)));
    return out;
  }

  static Object toJava(Value v) {
    return switch (v.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case BOOL_VALUE -> v.getBoolValue();
      case STRING_VALUE -> v.getStringValue();
      case NUMBER_VALUE -> number(v.getNumberValue());
      case STRUCT_VALUE -> toMap(v.getStructValue());
      case LIST_VALUE -> {
        List<Object> list = new ArrayList<>();
        v.getListValue().getValuesList().forEach(e -> list.add(toJava(e)));
        yield list;
      }
    };
  }

  public static Struct toStruct(Map<String, ?> map) {
    Struct.Builder b = Struct.newBuilder();
    map.forEach((k, v) -> b.putFields(k, toValue(v)));
    return b.build();
  }

  static Value toValue(Object v) {
    if (v == null) {
      return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }
    if (v instanceof Boolean b) {
      return Value.newBuilder().setBoolValue(b).build();
    }
    if (v instanceof Number n) {
      return Value.newBuilder().setNumberValue(n.doubleValue()).build();
    }
    if (v instanceof Map<?, ?> m) {
      Struct.Builder s = Struct.newBuilder();
      m.forEach((k, e) -> s.putFields(String.valueOf(k), toValue(e)));
      return Value.newBuilder().setStructValue(s).build();
    }
    if (v instanceof List<?> list) {
      ListValue.Builder l = ListValue.newBuilder();
      list.forEach(e -> l.addValues(toValue(e)));
      return Value.newBuilder().setListValue(l).build();
    }
    return Value.newBuilder().setStringValue(String.valueOf(v)).build();
  }

  private static Object number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < LONG_LIMIT) {
      return (long) d;
    }
    return d;
  }
}
