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

  /**
   * Terminates, and returns the ids the Provisioner knew and is terminating; it ignores the others
   * (a launch that never reached it), so they will never be reported TERMINATED. The default, for
   * a Provisioner that cannot tell, assumes it knew them all.
   */
  default List<String> terminateKnown(List<String> instanceIds, String owner, long epoch) {
    terminate(instanceIds, owner, epoch);
    return instanceIds;
  }

  /** Asks the Provisioner to re-push these instances' records to EPUM. */
  void dumpState(List<String> instanceIds);
}
