package org.epum.server.cloud;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.epum.proto.v1.NodeRecord;

/**
 * The cloud side of the embedded Provisioner: what actually boots and stops instances. The
 * provisioner owns node records and their persistence; a driver moves nodes only through
 * {@link NodeTransitions}. Called under the provisioner's lock, so methods must not block: they
 * schedule work instead.
 */
public interface CloudDriver {
  /** Wires the driver to the provisioner that owns the nodes; called once before anything else. */
  void bind(NodeTransitions transitions);

  /** Rejects launch vars this driver cannot use (INVALID_ARGUMENT), before anything is recorded. */
  void checkVars(Map<String, Object> vars);

  /** Why this launch fails at once (unknown site, site full, ...), or empty to go ahead. */
  Optional<String> refusal(NodeRecord node, Collection<NodeRecord> live);

  /** A node's record changed (or was loaded after a restart): schedule its next step, if any. */
  void changed(NodeRecord node);

  /** Stops all scheduled work and agents; the provisioner is stopping. */
  void close();
}
