package org.epum.core.store.zk;

import java.util.List;
import org.epum.core.domain.DefinitionRecord;
import org.epum.core.domain.DomainKey;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.Subscriber;

/**
 * The ZooKeeper store's encoding seen from outside: each method rejects a record too large to store
 * (INVALID_ARGUMENT, as the ZooKeeper store would) and returns the record as reading it back would
 * give it (integers as Long, fractions as Double). The in-memory store keeps records in this form,
 * so both stores accept, reject and return exactly the same values. Thread-safe.
 */
public final class StoredForm {
  private final JsonCodec codec = new JsonCodec();
  private final SizeLimit limit;

  public StoredForm(long maxRecordBytes) {
    this.limit = new SizeLimit(maxRecordBytes);
  }

  public DefinitionRecord definition(DefinitionRecord r) {
    byte[] data = limit.definition(codec.definition(r, SizeLimit.SIZING_WRITE_ID), r.id());
    return codec.decodeDefinition(data).value();
  }

  public DomainRecord domain(DomainRecord r) {
    byte[] data = limit.domain(codec.domain(r, SizeLimit.SIZING_WRITE_ID), r.key());
    return codec.decodeDomain(data).value();
  }

  public List<Subscriber> subscribers(DomainKey key, List<Subscriber> subscribers) {
    byte[] data = limit.subscribers(codec.subscribers(subscribers, SizeLimit.SIZING_WRITE_ID), key);
    return codec.decodeSubscribers(data).value();
  }

  public InstanceRecord instance(InstanceRecord r) {
    byte[] data = limit.instance(codec.instance(r, SizeLimit.SIZING_WRITE_ID), r.instanceId());
    return codec.decodeInstance(data).value();
  }
}
