package org.epum.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import org.epum.core.decider.DomainPassResult;
import org.epum.core.doctor.HealthTransition;
import org.epum.core.error.EpumException;
import org.epum.core.leader.LeaderDirectory;
import org.epum.core.leader.LeaderInfo;
import org.epum.core.leader.Leadership;
import org.epum.core.leader.Roles;
import org.epum.core.reaper.Reaper;
import org.epum.core.store.EpumStore;
import org.epum.proto.v1.DomainPass;
import org.epum.proto.v1.EpumAdminGrpc;
import org.epum.proto.v1.GetLeadersRequest;
import org.epum.proto.v1.GetLeadersResponse;
import org.epum.proto.v1.GetServerStatusRequest;
import org.epum.proto.v1.ReapedInstance;
import org.epum.proto.v1.RoleLeader;
import org.epum.proto.v1.RunDeciderRequest;
import org.epum.proto.v1.RunDeciderResponse;
import org.epum.proto.v1.RunDoctorRequest;
import org.epum.proto.v1.RunDoctorResponse;
import org.epum.proto.v1.RunReaperRequest;
import org.epum.proto.v1.RunReaperResponse;
import org.epum.proto.v1.ServerStatus;
import org.epum.proto.v1.SetClockRequest;
import org.epum.proto.v1.SetClockResponse;
import org.epum.server.ClockControl;
import org.epum.server.ManualPasses;
import org.epum.server.ServerInfo;

/** EpumAdmin over gRPC (admin role only, enforced by the auth interceptor). */
public final class EpumAdminGrpcService extends EpumAdminGrpc.EpumAdminImplBase {
  private final ClockControl clock;
  private final ServerInfo info;
  private final EpumStore store;
  private final ManualPasses passes;
  private final Leadership leadership;
  private final LeaderDirectory leaders;

  @Inject
  public EpumAdminGrpcService(ClockControl clock, ServerInfo info, EpumStore store, ManualPasses passes,
      Leadership leadership, LeaderDirectory leaders) {
    this.clock = requireNonNull(clock);
    this.info = requireNonNull(info);
    this.store = requireNonNull(store);
    this.passes = requireNonNull(passes);
    this.leadership = requireNonNull(leadership);
    this.leaders = requireNonNull(leaders);
  }

  @Override
  public void getServerStatus(GetServerStatusRequest req, StreamObserver<ServerStatus> out) {
    GrpcCalls.unary(out, () -> ServerStatus.newBuilder().setReplicaId(info.replicaId()).setVersion(info.version())
        .setStore(info.storeType()).setStoreAvailable(store.isAvailable()).setExternalDecide(clock.isManual())
        .setNow(ProtoMapper.timestamp(clock.clock().instant())).setStarted(ProtoMapper.timestamp(info.started()))
        .setListen(info.listen())
        .addAllLeading(Roles.ALL.stream().filter(leadership::isLeader).toList()).build());
  }

  @Override
  public void setClock(SetClockRequest req, StreamObserver<SetClockResponse> out) {
    GrpcCalls.unary(out, () -> {
      if (!req.hasAt()) {
        throw EpumException.invalidArgument("at is required: the time to set the manual clock to");
      }
      var now = clock.set(ProtoMapper.instant(true, req.getAt()));
      return SetClockResponse.newBuilder().setNow(ProtoMapper.timestamp(now)).build();
    });
  }

  @Override
  public void runDecider(RunDeciderRequest req, StreamObserver<RunDeciderResponse> out) {
    GrpcCalls.unary(out, () -> {
      var b = RunDeciderResponse.newBuilder();
      for (DomainPassResult r : passes.decide()) {
        var pass = DomainPass.newBuilder().setOwner(r.key().owner()).setDomainId(r.key().domainId())
            .setError(r.error()).setDeleted(r.deleted());
        r.decisions().forEach(d -> pass.addDecisions(EventMapper.decision(d)));
        b.addDomains(pass);
      }
      return b.build();
    });
  }

  @Override
  public void runDoctor(RunDoctorRequest req, StreamObserver<RunDoctorResponse> out) {
    GrpcCalls.unary(out, () -> {
      var pass = passes.doctor(ProtoMapper.instant(req.hasAt(), req.getAt()));
      var b = RunDoctorResponse.newBuilder().setProbes(pass.probes());
      for (HealthTransition t : pass.transitions()) {
        b.addTransitions(org.epum.proto.v1.HealthTransition.newBuilder().setOwner(t.domain().owner())
            .setDomainId(t.domain().domainId()).setInstanceId(t.instanceId()).setFrom(ProtoMapper.health(t.from()))
            .setTo(ProtoMapper.health(t.to())).setReason(t.reason()));
      }
      return b.build();
    });
  }

  @Override
  public void runReaper(RunReaperRequest req, StreamObserver<RunReaperResponse> out) {
    GrpcCalls.unary(out, () -> {
      var b = RunReaperResponse.newBuilder();
      for (Reaper.Reaped r : passes.reap(ProtoMapper.instant(req.hasAt(), req.getAt()))) {
        b.addReaped(ReapedInstance.newBuilder().setOwner(r.domain().owner()).setDomainId(r.domain().domainId())
            .setInstanceId(r.instanceId()).setState(ProtoMapper.instanceState(r.record().state())));
      }
      return b.build();
    });
  }

  @Override
  public void getLeaders(GetLeadersRequest req, StreamObserver<GetLeadersResponse> out) {
    GrpcCalls.unary(out, () -> {
      var b = GetLeadersResponse.newBuilder();
      for (LeaderInfo l : leaders.leaders()) {
        b.addLeaders(RoleLeader.newBuilder().setRole(l.role()).setLeaderId(l.leaderId()).setEpoch(l.epoch())
            .addAllParticipants(l.participants()));
      }
      return b.build();
    });
  }
}
