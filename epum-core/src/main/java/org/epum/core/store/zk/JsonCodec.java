package org.epum.core.store.zk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epum.core.domain.DefinitionRecord;
import org.epum.core.domain.DomainConfig;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainLifecycle;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.EngineState;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.Subscriber;
import org.epum.core.events.DomainEvent;
import org.epum.core.store.RequestMark;
import org.epum.core.store.zk.JsonRecords.DefinitionJson;
import org.epum.core.store.zk.JsonRecords.DomainJson;
import org.epum.core.store.zk.JsonRecords.EpochJson;
import org.epum.core.store.zk.JsonRecords.IndexJson;
import org.epum.core.store.zk.JsonRecords.MarkJson;
import org.epum.core.store.zk.JsonRecords.MarkerJson;
import org.epum.core.store.zk.JsonRecords.SubscriberJson;
import org.epum.core.store.zk.JsonRecords.SubscribersJson;

/**
 * Encodes records as the JSON of {@link JsonRecords} and back. Integers decode as Long and
 * fractions as Double (NaN and infinities included), so config and free-form maps read back equal
 * to what was written. Thread-safe.
 */
final class JsonCodec {
  static final String WRITE_ID_FIELD = "_w";

  private final ObjectMapper mapper = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .build();

  /** A decoded record and the id of the write that stored it (null if it carries none). */
  record Decoded<T>(T value, String writeId) {}

  byte[] definition(DefinitionRecord r, String writeId) {
    return write(new DefinitionJson(r.id(), sections(r.config()), r.description(), str(r.createdAt()),
        str(r.updatedAt()), writeId));
  }

  Decoded<DefinitionRecord> decodeDefinition(byte[] data) {
    DefinitionJson j = read(data, DefinitionJson.class);
    return new Decoded<>(new DefinitionRecord(j.id(), config(j.config()), j.description(), instant(j.createdAt()),
        instant(j.updatedAt())), j.w());
  }

  byte[] domain(DomainRecord r, String writeId) {
    return write(new DomainJson(r.key().owner(), r.key().domainId(), r.definitionId(), sections(r.config()),
        r.configVersion(), r.lifecycle().name(), r.engineState().name(), str(r.createdAt()), str(r.updatedAt()),
        r.sensorData().isEmpty() ? null : r.sensorData(), writeId));
  }

  Decoded<DomainRecord> decodeDomain(byte[] data) {
    DomainJson j = read(data, DomainJson.class);
    return new Decoded<>(new DomainRecord(new DomainKey(j.owner(), j.domainId()), j.definitionId(),
        config(j.config()), j.configVersion(), DomainLifecycle.valueOf(j.lifecycle()),
        EngineState.valueOf(j.engineState()), instant(j.createdAt()), instant(j.updatedAt()), j.sensorData()),
        j.w());
  }

  byte[] subscribers(List<Subscriber> subscribers, String writeId) {
    return write(new SubscribersJson(subscribers.stream().map(s -> new SubscriberJson(s.name(), s.endpoint()))
        .toList(), writeId));
  }

  Decoded<List<Subscriber>> decodeSubscribers(byte[] data) {
    SubscribersJson j = read(data, SubscribersJson.class);
    List<Subscriber> list = j.subscribers() == null ? List.of()
        : j.subscribers().stream().map(s -> new Subscriber(s.name(), s.endpoint())).toList();
    return new Decoded<>(list, j.w());
  }

  byte[] instance(InstanceRecord r, String writeId) {
    return write(InstanceJsonMapper.toJson(r, writeId));
  }

  Decoded<InstanceRecord> decodeInstance(byte[] data) {
    JsonRecords.InstanceJson j = read(data, JsonRecords.InstanceJson.class);
    return new Decoded<>(InstanceJsonMapper.fromJson(j), j.w());
  }

  byte[] event(DomainEvent event, String writeId) {
    return write(EventJsonMapper.toJson(event, writeId));
  }

  Decoded<DomainEvent> decodeEvent(byte[] data) {
    JsonRecords.EventJson j = read(data, JsonRecords.EventJson.class);
    return new Decoded<>(EventJsonMapper.fromJson(j), j.w());
  }

  byte[] indexEntry(DomainKey key, String writeId) {
    return write(new IndexJson(key.owner(), key.domainId(), writeId));
  }

  Decoded<DomainKey> decodeIndexEntry(byte[] data) {
    IndexJson j = read(data, IndexJson.class);
    return new Decoded<>(new DomainKey(j.owner(), j.domainId()), j.w());
  }

  byte[] mark(RequestMark m, String writeId) {
    return write(new MarkJson(m.owner(), m.requestId(), m.operation(), m.target(), str(m.at()), writeId));
  }

  Decoded<RequestMark> decodeMark(byte[] data) {
    MarkJson j = read(data, MarkJson.class);
    return new Decoded<>(new RequestMark(j.owner(), j.requestId(), j.operation(), j.target(), instant(j.at())), j.w());
  }

  byte[] epoch(long epoch, String writeId) {
    return write(new EpochJson(epoch, writeId));
  }

  byte[] marker(String writeId) {
    return write(new MarkerJson(writeId));
  }

  /** The write id any store-written node carries, or null when the data has none or is not JSON. */
  String writeIdOf(byte[] data) {
    if (data == null || data.length == 0) {
      return null;
    }
    try {
      JsonNode w = mapper.readTree(data).get(WRITE_ID_FIELD);
      return w == null || !w.isTextual() ? null : w.asText();
    } catch (IOException e) {
      return null;
    }
  }

  private byte[] write(Object json) {
    try {
      return mapper.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + json.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private <T> T read(byte[] data, Class<T> type) {
    try {
      return mapper.readValue(data, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> sections(DomainConfig config) {
    return new LinkedHashMap<>(config.sections());
  }

  private static DomainConfig config(Map<String, Object> raw) {
    return raw == null ? DomainConfig.empty() : DomainConfig.of(raw);
  }

  static String str(Instant at) {
    return at == null ? null : at.toString();
  }

  static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
