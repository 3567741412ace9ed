package org.epum.core.doctor;

import java.util.List;

/** What one doctor pass did: the health changes it made and the agent probes it sent. */
public record DoctorPass(List<HealthTransition> transitions, int probes) {
  public DoctorPass {
    transitions = List.copyOf(transitions);
  }
}
