package org.epum.client.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.epum.proto.v1.DomainPass;
import org.epum.proto.v1.GetLeadersResponse;
import org.epum.proto.v1.HealthTransition;
import org.epum.proto.v1.ReapedInstance;
import org.epum.proto.v1.RoleLeader;
import org.epum.proto.v1.RunDeciderResponse;
import org.epum.proto.v1.RunDoctorResponse;
import org.epum.proto.v1.RunReaperResponse;
import org.epum.proto.v1.ServerStatus;

/** The stable json/yaml shape of EpumAdmin replies (see {@link Views} for the rules). */
final class AdminViews {
  private AdminViews() {}

  static Map<String, Object> status(ServerStatus s) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("replica_id", s.getReplicaId());
    v.put("version", s.getVersion());
    v.put("store", s.getStore());
    v.put("store_available", s.getStoreAvailable());
    v.put("external_decide", s.getExternalDecide());
    v.put("now", Views.time(s.hasNow(), s.getNow()));
    v.put("started", Views.time(s.hasStarted(), s.getStarted()));
    v.put("leading", List.copyOf(s.getLeadingList()));
    v.put("listen", s.getListen());
    return v;
  }

  static List<Map<String, Object>> leaders(GetLeadersResponse r) {
    return r.getLeadersList().stream().map(AdminViews::leader).toList();
  }

  private static Map<String, Object> leader(RoleLeader l) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("role", l.getRole());
    v.put("leader_id", l.getLeaderId());
    v.put("epoch", l.getEpoch());
    v.put("participants", List.copyOf(l.getParticipantsList()));
    return v;
  }

  static Map<String, Object> decider(RunDeciderResponse r) {
    return Map.of("domains", r.getDomainsList().stream().map(AdminViews::pass).toList());
  }

  static Map<String, Object> pass(DomainPass p) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("owner", p.getOwner());
    v.put("domain_id", p.getDomainId());
    v.put("decisions", p.getDecisionsList().stream().map(Views::decision).toList());
    v.put("error", p.getError().isEmpty() ? null : p.getError());
    v.put("deleted", p.getDeleted());
    return v;
  }

  static Map<String, Object> doctor(RunDoctorResponse r) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("transitions", r.getTransitionsList().stream().map(AdminViews::transition).toList());
    v.put("probes", r.getProbes());
    return v;
  }

  private static Map<String, Object> transition(HealthTransition t) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("owner", t.getOwner());
    v.put("domain_id", t.getDomainId());
    v.put("instance_id", t.getInstanceId());
    v.put("from", Views.health(t.getFromValue()));
    v.put("to", Views.health(t.getToValue()));
    v.put("reason", t.getReason());
    return v;
  }

  static Map<String, Object> reaper(RunReaperResponse r) {
    return Map.of("reaped", r.getReapedList().stream().map(AdminViews::reaped).toList());
  }

  private static Map<String, Object> reaped(ReapedInstance i) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("owner", i.getOwner());
    v.put("domain_id", i.getDomainId());
    v.put("instance_id", i.getInstanceId());
    v.put("state", Views.state(i.getStateValue()));
    return v;
  }
}
