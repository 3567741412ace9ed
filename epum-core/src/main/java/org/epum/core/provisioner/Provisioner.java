package org.epum.core.provisioner;

import java.util.List;

/**
 * The Provisioner as the decider uses it (outbound). Calls block until answered or their deadline
 * passes; failures throw {@link ProvisionerException} and are retried by the decider on a later
 * pass (Provision is idempotent on instance id, so a retry never launches twice).
 */
public interface Provisioner {
  void provision(ProvisionCall call);

  void terminate(List<String> instanceIds, String owner, long epoch);

  /** Asks the Provisioner to re-push these instances' records to EPUM. */
  void dumpState(List<String> instanceIds);
}
