package dev.portway.api.v1;

import io.grpc.BindableService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.MutinyBean;

@jakarta.annotation.Generated(value = "by Mutiny Grpc generator", comments = "Source: portway/v1/address.proto")
public class AddressServiceBean extends MutinyAddressServiceGrpc.AddressServiceImplBase implements BindableService, MutinyBean {

    private final AddressService delegate;

    AddressServiceBean(@GrpcService AddressService delegate) {
        this.delegate = delegate;
    }

    @Override
    public io.smallrye.mutiny.Uni<dev.portway.api.v1.Address> reserve(dev.portway.api.v1.ReserveAddressRequest request) {
        try {
            return delegate.reserve(request);
        } catch (UnsupportedOperationException e) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }
    }

    @Override
    public io.smallrye.mutiny.Uni<dev.portway.api.v1.ReleaseAddressResponse> release(dev.portway.api.v1.ReleaseAddressRequest request) {
        try {
            return delegate.release(request);
        } catch (UnsupportedOperationException e) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }
    }

    @Override
    public io.smallrye.mutiny.Uni<dev.portway.api.v1.Address> get(dev.portway.api.v1.GetAddressRequest request) {
        try {
            return delegate.get(request);
        } catch (UnsupportedOperationException e) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }
    }

    @Override
    public io.smallrye.mutiny.Uni<dev.portway.api.v1.ListAddressesResponse> list(dev.portway.api.v1.ListAddressesRequest request) {
        try {
            return delegate.list(request);
        } catch (UnsupportedOperationException e) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }
    }

    @Override
    public io.smallrye.mutiny.Uni<dev.portway.api.v1.RenewLeasesResponse> renewLeases(dev.portway.api.v1.RenewLeasesRequest request) {
        try {
            return delegate.renewLeases(request);
        } catch (UnsupportedOperationException e) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }
    }

    @Override
    public io.smallrye.mutiny.Uni<dev.portway.api.v1.ListPoolsResponse> listPools(dev.portway.api.v1.ListPoolsRequest request) {
        try {
            return delegate.listPools(request);
        } catch (UnsupportedOperationException e) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }
    }

    @Override
    public io.smallrye.mutiny.Multi<dev.portway.api.v1.AddressEvent> watch(dev.portway.api.v1.WatchAddressesRequest request) {
        try {
            return delegate.watch(request);
        } catch (UnsupportedOperationException e) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }
    }
}
