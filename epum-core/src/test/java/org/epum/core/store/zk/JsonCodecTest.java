package org.epum.core.store.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.core.testing.TestRecords.domain;
import static org.epum.core.testing.TestRecords.fullInstance;
import static org.epum.core.testing.TestRecords.key;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.epum.core.domain.DefinitionRecord;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.testing.TestRecords;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
  private final JsonCodec codec = new JsonCodec();

  @Test
  void recordsRoundTripWithTheirWriteId() {
    InstanceRecord full = fullInstance("i-1");
    JsonCodec.Decoded<InstanceRecord> back = codec.decodeInstance(codec.instance(full, "w-1"));
    assertThat(back.value()).isEqualTo(full);
    assertThat(back.writeId()).isEqualTo("w-1");
    assertThat(codec.decodeDomain(codec.domain(domain(key("o", "d")), "w-2")).value()).isEqualTo(domain(key("o", "d")));
    assertThat(codec.writeIdOf(codec.epoch(3, "w-3"))).isEqualTo("w-3");
    assertThat(codec.writeIdOf("not json".getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void configNumbersKeepTheirTypesIncludingNonFiniteDoubles() {
    DomainConfig config = DomainConfig.of(Map.of("health", Map.of("a", 1L, "b", 1.0, "c", Double.NaN,
        "d", Double.POSITIVE_INFINITY, "e", -0.0)));
    DefinitionRecord def = new DefinitionRecord("def1", config, "", TestRecords.T0, TestRecords.T0);
    assertThat(codec.decodeDefinition(codec.definition(def, "w")).value()).isEqualTo(def);
  }

  @Test
  void unknownFieldsFromALaterVersionAreIgnoredAndMissingOnesAreNull() {
    String json = "{\"instanceId\":\"i-1\",\"state\":\"RUNNING\",\"stateTime\":\"2024-05-01T00:00:00Z\","
        + "\"health\":\"OK\",\"addedLater\":{\"x\":1},\"_w\":\"w\"}";
    InstanceRecord r = codec.decodeInstance(json.getBytes(StandardCharsets.UTF_8)).value();
    assertThat(r.instanceId()).isEqualTo("i-1");
    assertThat(r.lastHeartbeat()).isNull();
    assertThat(r.updateCounter()).isNull();
    assertThat(r.extravars()).isEmpty();
  }
}
