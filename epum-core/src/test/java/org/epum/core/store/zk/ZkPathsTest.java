package org.epum.core.store.zk;

import static org.assertj.core.api.Assertions.assertThat;

import org.epum.core.domain.DomainKey;
import org.junit.jupiter.api.Test;

class ZkPathsTest {
  private final ZkPaths paths = new ZkPaths("/epum");
  private final DomainKey key = new DomainKey("owner1", "d1");

  @Test
  void validNamesAreUsedAsTheyAre() {
    assertThat(paths.instance(key, "i-1")).isEqualTo("/epum/domains/owner1/d1/instances/i-1");
    assertThat(paths.request("owner1", "r.1@x")).isEqualTo("/epum/requests/owner1/r.1@x");
    assertThat(paths.epoch("decider")).isEqualTo("/epum/epochs/decider");
    assertThat(paths.election("decider")).isEqualTo("/epum/elections/decider");
    assertThat(paths.events(key)).isEqualTo("/epum/domains/owner1/d1/events");
  }

  @Test
  void anyIdBecomesOneLegalSegmentAndBack() {
    for (String id : new String[] {"a/b", ".", "..", "%", "%2F", "r:1", "ü", "a b", "zookeeper", "x.y"}) {
      String segment = ZkPaths.segment(id);
      assertThat(segment).doesNotContain("/").isNotIn(".", "..");
      assertThat(ZkPaths.unsegment(segment)).isEqualTo(id);
    }
    assertThat(ZkPaths.segment("a/b")).isNotEqualTo(ZkPaths.segment("a%2Fb"));
  }

  @Test
  void pathsParseBackToWhatTheyHold() {
    DomainKey odd = new DomainKey("o/1", "..");
    assertThat(paths.parse(paths.instance(odd, "i/1"))).isEqualTo(new ZkLocation.Instance(odd, "i/1"));
    assertThat(paths.parse(paths.domain(odd))).isEqualTo(new ZkLocation.Domain(odd));
    assertThat(paths.parse(paths.subscribers(key))).isEqualTo(new ZkLocation.Subscribers(key));
    assertThat(paths.parse(paths.definition("def1"))).isEqualTo(new ZkLocation.Definition("def1"));
    assertThat(paths.parse(paths.indexEntry("i-1"))).isEqualTo(new ZkLocation.IndexEntry("i-1"));
    assertThat(paths.parse(paths.request("o", "r:1"))).isEqualTo(new ZkLocation.Request("o", "r:1"));
    assertThat(paths.parse(paths.epoch("decider"))).isEqualTo(new ZkLocation.Epoch("decider"));
    assertThat(paths.parse(paths.instances(key))).isEqualTo(ZkLocation.Other.INSTANCE);
    assertThat(paths.parse(paths.events(key) + "/ev-000000000001")).isEqualTo(new ZkLocation.Event(key, 1));
    assertThat(paths.parse(paths.events(key) + "/ev-x")).isEqualTo(ZkLocation.Other.INSTANCE);
    assertThat(paths.parse("/elsewhere/definitions/x")).isEqualTo(ZkLocation.Other.INSTANCE);
  }
}
