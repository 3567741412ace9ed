package org.epum.client;

import io.grpc.stub.StreamObserver;
import org.epum.proto.v1.*;

/** A fake EpumAdmin: records each request and answers as {@link FakeReplies} is told. */
public final class FakeEpumAdmin extends EpumAdminGrpc.EpumAdminImplBase {
  private final FakeReplies replies;

  FakeEpumAdmin(FakeReplies replies) {
    this.replies = replies;
  }

  @Override
  public void runDecider(RunDeciderRequest request, StreamObserver<RunDeciderResponse> out) {
    replies.unary("runDecider", request, out);
  }

  @Override
  public void runDoctor(RunDoctorRequest request, StreamObserver<RunDoctorResponse> out) {
    replies.unary("runDoctor", request, out);
  }

  @Override
  public void runReaper(RunReaperRequest request, StreamObserver<RunReaperResponse> out) {
    replies.unary("runReaper", request, out);
  }

  @Override
  public void setClock(SetClockRequest request, StreamObserver<SetClockResponse> out) {
    replies.unary("setClock", request, out);
  }

  @Override
  public void getLeaders(GetLeadersRequest request, StreamObserver<GetLeadersResponse> out) {
    replies.unary("getLeaders", request, out);
  }

  @Override
  public void getServerStatus(GetServerStatusRequest request, StreamObserver<ServerStatus> out) {
    replies.unary("getServerStatus", request, out);
  }
}
