package org.epum.client;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts plain Java config values to {@link Struct} and back.
 *
 * <p>Java to Struct accepts null, Boolean, String, any Number, Map with String keys and
 * Collection, recursively. Struct has a single number type (a double), so on the way back a
 * number with no fractional part within long range becomes a {@link Long} and anything else a
 * {@link Double}: {@code preserve_n: 2} stays an integer after the round trip. Integers beyond
 * 2^53 cannot travel exactly and are rejected rather than silently rounded.
 */
public final class ConfigStructs {
  /** Largest integer a double holds exactly. */
  private static final long MAX_EXACT = 1L << 53;

  private ConfigStructs() {}

  /** Converts a map of config sections to a Struct. Null means an empty Struct. */
  public static Struct toStruct(Map<String, ?> map) {
    Struct.Builder b = Struct.newBuilder();
    if (map != null) {
      map.forEach((k, v) -> b.putFields(requireKey(k), toValue(v)));
    }
    return b.build();
  }

  /** Converts one value; throws IllegalArgumentException for a type Struct cannot carry. */
  public static Value toValue(Object v) {
    if (v == null) {
      return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    } else if (v instanceof Boolean bool) {
      return Value.newBuilder().setBoolValue(bool).build();
    } else if (v instanceof CharSequence s) {
      return Value.newBuilder().setStringValue(s.toString()).build();
    } else if (v instanceof Number n) {
      return Value.newBuilder().setNumberValue(toDouble(n)).build();
    } else if (v instanceof Map<?, ?> m) {
      Struct.Builder b = Struct.newBuilder();
      m.forEach((k, x) -> b.putFields(requireKey(k), toValue(x)));
      return Value.newBuilder().setStructValue(b).build();
    } else if (v instanceof Collection<?> c) {
      ListValue.Builder b = ListValue.newBuilder();
      c.forEach(x -> b.addValues(toValue(x)));
      return Value.newBuilder().setListValue(b).build();
    }
    throw new IllegalArgumentException(
        "config values must be null, boolean, number, string, list or map; got "
            + v.getClass().getName());
  }

  /** Converts a Struct back to an insertion-ordered, unmodifiable map of plain values. */
  public static Map<String, Object> toMap(Struct struct) {
    Map<String, Object> out = new LinkedHashMap<>();
    struct.getFieldsMap().forEach((k, v) -> out.put(k, fromValue(v)));
    return Collections.unmodifiableMap(out);
  }

  /** Converts one Value back: Long or Double for numbers, List, Map, String, Boolean or null. */
  public static Object fromValue(Value v) {
    switch (v.getKindCase()) {
      case NULL_VALUE:
      case KIND_NOT_SET:
        return null;
      case BOOL_VALUE:
        return v.getBoolValue();
      case STRING_VALUE:
        return v.getStringValue();
      case NUMBER_VALUE:
        return fromDouble(v.getNumberValue());
      case STRUCT_VALUE:
        return toMap(v.getStructValue());
      case LIST_VALUE:
        List<Object> list = new ArrayList<>();
        v.getListValue().getValuesList().forEach(x -> list.add(fromValue(x)));
        return Collections.unmodifiableList(list);
    }
    throw new IllegalStateException("unknown Value kind " + v.getKindCase());
  }

  private static Object fromDouble(double d) {
    boolean integral = !Double.isInfinite(d) && d == Math.rint(d);
    // The bounds are exact powers of two, so comparing doubles with them is exact.
    if (integral && d >= -0x1p63 && d < 0x1p63) {
      return (long) d;
    }
    return d;
  }

  private static double toDouble(Number n) {
    if (n instanceof Double || n instanceof Float) {
      return n.doubleValue();
    }
    if (n instanceof BigDecimal bd) {
      return bd.doubleValue();
    }
    BigInteger big = n instanceof BigInteger bi ? bi : BigInteger.valueOf(n.longValue());
    if (big.abs().compareTo(BigInteger.valueOf(MAX_EXACT)) > 0) {
      throw new IllegalArgumentException(
          "integer " + big + " is too large for a config value (limit is 2^53)");
    }
    return big.doubleValue();
  }

  private static String requireKey(Object key) {
    if (key instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("config map keys must be strings; got " + key);
  }
}
