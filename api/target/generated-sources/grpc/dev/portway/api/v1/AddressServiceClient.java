package dev.portway.api.v1;

import java.util.function.BiFunction;
import io.quarkus.grpc.MutinyClient;

@jakarta.annotation.Generated(value = "by Mutiny Grpc generator", comments = "Source: portway/v1/address.proto")
public class AddressServiceClient implements AddressService, MutinyClient<MutinyAddressServiceGrpc.MutinyAddressServiceStub> {

    private final MutinyAddressServiceGrpc.MutinyAddressServiceStub stub;

    public AddressServiceClient(String name, io.grpc.Channel channel, BiFunction<String, MutinyAddressServiceGrpc.MutinyAddressServiceStub, MutinyAddressServiceGrpc.MutinyAddressServiceStub> stubConfigurator) {
        this.stub = stubConfigurator.apply(name, MutinyAddressServiceGrpc.newMutinyStub(channel));
    }

    private AddressServiceClient(MutinyAddressServiceGrpc.MutinyAddressServiceStub stub) {
        this.stub = stub;
    }

    public AddressServiceClient newInstanceWithStub(MutinyAddressServiceGrpc.MutinyAddressServiceStub stub) {
        return new AddressServiceClient(stub);
    }

    @Override
    public MutinyAddressServiceGrpc.MutinyAddressServiceStub getStub() {
        return stub;
    }

    @Override
    public io.smallrye.mutiny.Uni<dev.portway.api.v1.Address> reserve(dev.portway.api.v1.ReserveAddressRequest request) {
        return stub.reserve(request);
    }

    @Override
    public io.smallrye.mutiny.Uni<dev.portway.api.v1.ReleaseAddressResponse> release(dev.portway.api.v1.ReleaseAddressRequest request) {
        return stub.release(request);
    }

    @Override
    public io.smallrye.mutiny.Uni<dev.portway.api.v1.Address> get(dev.portway.api.v1.GetAddressRequest request) {
        return stub.get(request);
    }

    @Override
    public io.smallrye.mutiny.Uni<dev.portway.api.v1.ListAddressesResponse> list(dev.portway.api.v1.ListAddressesRequest request) {
        return stub.list(request);
    }

    @Override
    public io.smallrye.mutiny.Uni<dev.portway.api.v1.RenewLeasesResponse> renewLeases(dev.portway.api.v1.RenewLeasesRequest request) {
        return stub.renewLeases(request);
    }

    @Override
    public io.smallrye.mutiny.Uni<dev.portway.api.v1.ListPoolsResponse> listPools(dev.portway.api.v1.ListPoolsRequest request) {
        return stub.listPools(request);
    }

    @Override
    public io.smallrye.mutiny.Multi<dev.portway.api.v1.AddressEvent> watch(dev.portway.api.v1.WatchAddressesRequest request) {
        return stub.watch(request);
    }
}
