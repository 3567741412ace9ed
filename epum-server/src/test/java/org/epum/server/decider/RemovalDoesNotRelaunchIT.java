package org.epum.server.decider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epum.server.testing.Protos.at;
import static org.epum.server.testing.Protos.struct;

import org.epum.proto.v1.AddDomainRequest;
import org.epum.proto.v1.CreateDefinitionRequest;
import org.epum.proto.v1.RemoveDomainRequest;
import org.epum.proto.v1.RunDeciderRequest;
import org.epum.proto.v1.SetClockRequest;
import org.epum.server.testing.ServerITBase;
import org.junit.jupiter.api.Test;

/**
 * A domain removed while its launches are still unanswered terminates them; it does not send
 * provision again first (found by hand: the pass used to retry the launches, then terminate).
 */
class RemovalDoesNotRelaunchIT extends ServerITBase {
  @Override
  protected String extraConfig() {
    return "decider: {retry_interval: 5s}\n";
  }

  @Test
  void stalledLaunchesOfARemovedDomainAreTerminatedNotRetried() {
    server.stubs().management().createDefinition(CreateDefinitionRequest.newBuilder().setDefinitionId("simple")
        .setConfig(struct("{\"health\": {\"monitor_health\": false}}")).build());
    server.stubs().management().addDomain(AddDomainRequest.newBuilder().setDomainId("web").setDefinitionId("simple")
        .setConfig(struct("{\"engine_conf\": {\"preserve_n\": 2}}")).build());
    server.stubs().admin().setClock(SetClockRequest.newBuilder().setAt(at(1000)).build());
    decide();
    assertThat(provisioner.provisionCount()).isEqualTo(2);

    server.stubs().admin().setClock(SetClockRequest.newBuilder().setAt(at(1060)).build());
    server.stubs().management().removeDomain(RemoveDomainRequest.newBuilder().setDomainId("web").build());
    decide();

    assertThat(provisioner.provisionCount()).as("no launch retried for a domain being removed").isEqualTo(2);
    assertThat(provisioner.terminatedIds()).containsExactlyInAnyOrderElementsOf(provisioner.provisionedIds());
  }

  private void decide() {
    server.stubs().admin().runDecider(RunDeciderRequest.getDefaultInstance());
  }
}
