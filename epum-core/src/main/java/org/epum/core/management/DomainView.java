package org.epum.core.management;

import java.util.List;
import org.epum.core.domain.DomainRecord;
import org.epum.core.domain.InstanceRecord;
import org.epum.core.domain.Subscriber;

/** A domain as its owner sees it: the record, its instances (sorted by id) and its subscribers. */
public record DomainView(DomainRecord domain, List<InstanceRecord> instances, List<Subscriber> subscribers) {
  public DomainView {
    instances = List.copyOf(instances);
    subscribers = List.copyOf(subscribers);
  }
}
