package org.epum.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import org.epum.core.error.EpumException;
import org.epum.proto.v1.*;
import org.epum.server.dtrs.DtrsRegistry;

/** The embedded DTRS over gRPC: deployable types, sites and credentials (values masked in answers). */
public final class DtrsGrpcService extends DtrsGrpc.DtrsImplBase {
  private final DtrsRegistry dtrs;

  @Inject
  public DtrsGrpcService(DtrsRegistry dtrs) {
    this.dtrs = requireNonNull(dtrs);
  }

  @Override
  public void addDeployableType(AddDeployableTypeRequest req, StreamObserver<DeployableType> out) {
    GrpcCalls.unary(out, () -> dtrs.addDeployableType(required(req.hasDeployableType(), req.getDeployableType(),
        "deployable_type"), req.getReplace()));
  }

  @Override
  public void describeDeployableType(DescribeDeployableTypeRequest req, StreamObserver<DeployableType> out) {
    GrpcCalls.unary(out, () -> dtrs.deployableType(req.getName()));
  }

  @Override
  public void listDeployableTypes(ListDeployableTypesRequest req, StreamObserver<ListDeployableTypesResponse> out) {
    GrpcCalls.unary(out, () -> ListDeployableTypesResponse.newBuilder().addAllNames(dtrs.deployableTypes()).build());
  }

  @Override
  public void removeDeployableType(RemoveDeployableTypeRequest req, StreamObserver<RemoveDeployableTypeResponse> out) {
    GrpcCalls.unary(out, () -> {
      dtrs.removeDeployableType(req.getName());
      return RemoveDeployableTypeResponse.getDefaultInstance();
    });
  }

  @Override
  public void addSite(AddSiteRequest req, StreamObserver<Site> out) {
    GrpcCalls.unary(out, () -> dtrs.addSite(required(req.hasSite(), req.getSite(), "site"), req.getReplace()));
  }

  @Override
  public void describeSite(DescribeSiteRequest req, StreamObserver<Site> out) {
    GrpcCalls.unary(out, () -> dtrs.site(req.getName()));
  }

  @Override
  public void listSites(ListSitesRequest req, StreamObserver<ListSitesResponse> out) {
    GrpcCalls.unary(out, () -> ListSitesResponse.newBuilder().addAllNames(dtrs.sites()).build());
  }

  @Override
  public void removeSite(RemoveSiteRequest req, StreamObserver<RemoveSiteResponse> out) {
    GrpcCalls.unary(out, () -> {
      dtrs.removeSite(req.getName());
      return RemoveSiteResponse.getDefaultInstance();
    });
  }

  @Override
  public void addCredentials(AddCredentialsRequest req, StreamObserver<Credentials> out) {
    GrpcCalls.unary(out, () -> dtrs.addCredentials(required(req.hasCredentials(), req.getCredentials(),
        "credentials"), req.getReplace()));
  }

  @Override
  public void describeCredentials(DescribeCredentialsRequest req, StreamObserver<Credentials> out) {
    GrpcCalls.unary(out, () -> dtrs.credentials(req.getOwner(), req.getSite()));
  }

  @Override
  public void listCredentials(ListCredentialsRequest req, StreamObserver<ListCredentialsResponse> out) {
    GrpcCalls.unary(out, () -> ListCredentialsResponse.newBuilder().addAllSites(dtrs.credentialSites(req.getOwner()))
        .build());
  }

  @Override
  public void removeCredentials(RemoveCredentialsRequest req, StreamObserver<RemoveCredentialsResponse> out) {
    GrpcCalls.unary(out, () -> {
      dtrs.removeCredentials(req.getOwner(), req.getSite());
      return RemoveCredentialsResponse.getDefaultInstance();
    });
  }

  private static <T> T required(boolean present, T value, String field) {
    if (!present) {
      throw EpumException.invalidArgument(field + " is required");
    }
    return value;
  }
}
