package org.epum.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigStructsTest {

  @Test
  void roundTripKeepsIntegersAsLongsAndFloatsAsDoubles() {
    Map<String, Object> engine = new LinkedHashMap<>();
    engine.put("preserve_n", 2);
    engine.put("ratio", 1.5);
    engine.put("big", 9_007_199_254_740_992L); // 2^53
    engine.put("negative", -7);
    engine.put("whole_double", 3.0);
    Map<String, Object> config = Map.of("engine_conf", engine);

    Map<String, Object> back = ConfigStructs.toMap(ConfigStructs.toStruct(config));

    @SuppressWarnings("unchecked")
    Map<String, Object> e = (Map<String, Object>) back.get("engine_conf");
    assertThat(e.get("preserve_n")).isEqualTo(2L);
    assertThat(e.get("ratio")).isEqualTo(1.5);
    assertThat(e.get("big")).isEqualTo(9_007_199_254_740_992L);
    assertThat(e.get("negative")).isEqualTo(-7L);
    // Struct cannot tell 3.0 from 3: the documented rule makes it an integer.
    assertThat(e.get("whole_double")).isEqualTo(3L);
  }

  @Test
  void roundTripKeepsBooleansStringsNullsAndNestedCollections() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("health", Map.of("monitor_health", true));
    Map<String, Object> engine = new LinkedHashMap<>();
    engine.put("unique_values", List.of(1, "two", 3.25, false));
    engine.put("clouds", List.of(Map.of("site_name", "a", "size", -1, "rank", 1)));
    engine.put("nested", Map.of("deeper", Map.of("list", List.of(List.of(1, 2)))));
    engine.put("nothing", null);
    engine.put("text", "a,b");
    config.put("engine_conf", engine);

    Map<String, Object> back = ConfigStructs.toMap(ConfigStructs.toStruct(config));

    assertThat(back).isEqualTo(Map.of(
        "health", Map.of("monitor_health", true),
        "engine_conf", mapWithNull(
            "unique_values", List.of(1L, "two", 3.25, false),
            "clouds", List.of(Map.of("site_name", "a", "size", -1L, "rank", 1L)),
            "nested", Map.of("deeper", Map.of("list", List.of(List.of(1L, 2L)))),
            "text", "a,b")));
  }

  @Test
  void numbersOutsideLongRangeOrNotFiniteStayDoubles() {
    Value huge = Value.newBuilder().setNumberValue(1e300).build();
    Value inf = Value.newBuilder().setNumberValue(Double.POSITIVE_INFINITY).build();
    Value edge = Value.newBuilder().setNumberValue(0x1p63).build();

    assertThat(ConfigStructs.fromValue(huge)).isEqualTo(1e300);
    assertThat(ConfigStructs.fromValue(inf)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ConfigStructs.fromValue(edge)).isInstanceOf(Double.class);
  }

  @Test
  void emptyAndNullMapsGiveEmptyStruct() {
    assertThat(ConfigStructs.toStruct(null)).isEqualTo(Struct.getDefaultInstance());
    assertThat(ConfigStructs.toMap(Struct.getDefaultInstance())).isEmpty();
  }

  @Test
  void rejectsIntegersAStructCannotCarryExactly() {
    assertThatThrownBy(() -> ConfigStructs.toValue(Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2^53");
    assertThatThrownBy(() -> ConfigStructs.toValue(BigInteger.TEN.pow(30)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsUnsupportedTypesAndNonStringKeys() {
    assertThatThrownBy(() -> ConfigStructs.toValue(new Object()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
    assertThatThrownBy(() -> ConfigStructs.toValue(Map.of(1, "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keys must be strings");
  }

  private static Map<String, Object> mapWithNull(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    m.put("nothing", null);
    return m;
  }

  @Test
  void listsComeBackInOrder() {
    Value v = ConfigStructs.toValue(Arrays.asList(3, 1, 2));
    assertThat(ConfigStructs.fromValue(v)).isEqualTo(List.of(3L, 1L, 2L));
  }
}
