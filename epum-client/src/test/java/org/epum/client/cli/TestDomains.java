package org.epum.client.cli;

import com.google.protobuf.Timestamp;
import java.util.Map;
import org.epum.client.ConfigStructs;
import org.epum.proto.v1.Domain;
import org.epum.proto.v1.DomainLifecycle;
import org.epum.proto.v1.EngineState;
import org.epum.proto.v1.HealthState;
import org.epum.proto.v1.Instance;
import org.epum.proto.v1.InstanceState;
import org.epum.proto.v1.SubscriberRef;

/** Sample replies for CLI tests. */
final class TestDomains {
  static final Timestamp CREATED = Timestamp.newBuilder().setSeconds(1714521600).build();
  static final Timestamp UPDATED = Timestamp.newBuilder().setSeconds(1714521660).build();

  private TestDomains() {}

  static Domain domain(String id, int instances) {
    Domain.Builder d = Domain.newBuilder()
        .setOwner("alice").setDomainId(id).setDefinitionId("def1")
        .setConfig(ConfigStructs.toStruct(Map.of(
            "general", Map.of("engine_class", "simplest"),
            "engine_conf", Map.of("preserve_n", 2, "ratio", 0.5))))
        .setConfigVersion(3)
        .setLifecycle(DomainLifecycle.DOMAIN_LIFECYCLE_ACTIVE)
        .setEngineState(EngineState.ENGINE_STATE_PENDING)
        .addSubscribers(SubscriberRef.newBuilder().setName("s1").setEndpoint("h:9"))
        .setCreateTime(CREATED).setUpdateTime(UPDATED);
    for (int i = 1; i <= instances; i++) {
      d.addInstances(Instance.newBuilder()
          .setInstanceId("i-" + i).setLaunchId("l-1").setDeployableType("dt").setSite("ec2-east")
          .setAllocation("small").setState(InstanceState.INSTANCE_STATE_RUNNING)
          .setStateTime(UPDATED).setHealth(HealthState.HEALTH_STATE_OK)
          .setPublicIp("10.0.0." + i).setUpdateCounter(5));
    }
    return d.build();
  }
}
