package dev.portway.api.v1;

import static dev.portway.api.v1.AddressServiceGrpc.getServiceDescriptor;
import static io.grpc.stub.ServerCalls.asyncUnaryCall;
import static io.grpc.stub.ServerCalls.asyncServerStreamingCall;
import static io.grpc.stub.ServerCalls.asyncClientStreamingCall;
import static io.grpc.stub.ServerCalls.asyncBidiStreamingCall;

@jakarta.annotation.Generated(value = "by Mutiny Grpc generator", comments = "Source: portway/v1/address.proto")
public final class MutinyAddressServiceGrpc implements io.quarkus.grpc.MutinyGrpc {

    private MutinyAddressServiceGrpc() {
    }

    public static MutinyAddressServiceStub newMutinyStub(io.grpc.Channel channel) {
        return new MutinyAddressServiceStub(channel);
    }

    /**
     * <pre>
     *  AddressService owns every TCP address (host:port) of the suite.
     *
     *  Callers authenticate with gRPC metadata `authorization: Bearer &lt;token&gt;`:
     *  - a user authtoken acts for its own account (request `account` may be empty or must match);
     *  - the internal service token (bridges, edges) may act for any account named in the request.
     *
     *  Errors are gRPC statuses whose message names the field, what was expected and what to do:
     *  INVALID_ARGUMENT (malformed host/port/metadata), OUT_OF_RANGE (port outside every pool),
     *  PERMISSION_DENIED (owned by another account), ALREADY_EXISTS (host:port already reserved),
     *  RESOURCE_EXHAUSTED (no free port left), NOT_FOUND, UNAUTHENTICATED.
     * </pre>
     */
    public static class MutinyAddressServiceStub extends io.grpc.stub.AbstractStub<MutinyAddressServiceStub> implements io.quarkus.grpc.MutinyStub {

        private AddressServiceGrpc.AddressServiceStub delegateStub;

        private MutinyAddressServiceStub(io.grpc.Channel channel) {
            super(channel);
            delegateStub = AddressServiceGrpc.newStub(channel);
        }

        private MutinyAddressServiceStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            super(channel, callOptions);
            delegateStub = AddressServiceGrpc.newStub(channel).build(channel, callOptions);
        }

        @Override
        protected MutinyAddressServiceStub build(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            return new MutinyAddressServiceStub(channel, callOptions);
        }

        /**
         * <pre>
         *  Reserves a random address from the pools, or the specific host and/or port asked for.
         * </pre>
         */
        public io.smallrye.mutiny.Uni<dev.portway.api.v1.Address> reserve(dev.portway.api.v1.ReserveAddressRequest request) {
            return io.quarkus.grpc.stubs.ClientCalls.oneToOne(request, delegateStub::reserve);
        }

        /**
         * <pre>
         *  Releases an address by id or host:port. Releasing an unknown address is NOT_FOUND.
         * </pre>
         */
        public io.smallrye.mutiny.Uni<dev.portway.api.v1.ReleaseAddressResponse> release(dev.portway.api.v1.ReleaseAddressRequest request) {
            return io.quarkus.grpc.stubs.ClientCalls.oneToOne(request, delegateStub::release);
        }

        /**
         * <pre>
         *  Gets one address by id or host:port.
         * </pre>
         */
        public io.smallrye.mutiny.Uni<dev.portway.api.v1.Address> get(dev.portway.api.v1.GetAddressRequest request) {
            return io.quarkus.grpc.stubs.ClientCalls.oneToOne(request, delegateStub::get);
        }

        /**
         * <pre>
         *  Lists the addresses of one account, ordered by host then port, paged.
         * </pre>
         */
        public io.smallrye.mutiny.Uni<dev.portway.api.v1.ListAddressesResponse> list(dev.portway.api.v1.ListAddressesRequest request) {
            return io.quarkus.grpc.stubs.ClientCalls.oneToOne(request, delegateStub::list);
        }

        /**
         * <pre>
         *  Extends the lease of ephemeral addresses that are still bound (called by bridges).
         * </pre>
         */
        public io.smallrye.mutiny.Uni<dev.portway.api.v1.RenewLeasesResponse> renewLeases(dev.portway.api.v1.RenewLeasesRequest request) {
            return io.quarkus.grpc.stubs.ClientCalls.oneToOne(request, delegateStub::renewLeases);
        }

        /**
         * <pre>
         *  Describes the configured pools with their free and reserved counts.
         * </pre>
         */
        public io.smallrye.mutiny.Uni<dev.portway.api.v1.ListPoolsResponse> listPools(dev.portway.api.v1.ListPoolsRequest request) {
            return io.quarkus.grpc.stubs.ClientCalls.oneToOne(request, delegateStub::listPools);
        }

        /**
         * <pre>
         *  Streams a snapshot of every address, then every change, each carrying a revision.
         * </pre>
         */
        public io.smallrye.mutiny.Multi<dev.portway.api.v1.AddressEvent> watch(dev.portway.api.v1.WatchAddressesRequest request) {
            return io.quarkus.grpc.stubs.ClientCalls.oneToMany(request, delegateStub::watch);
        }
    }

    /**
     * <pre>
     *  AddressService owns every TCP address (host:port) of the suite.
     *
     *  Callers authenticate with gRPC metadata `authorization: Bearer &lt;token&gt;`:
     *  - a user authtoken acts for its own account (request `account` may be empty or must match);
     *  - the internal service token (bridges, edges) may act for any account named in the request.
     *
     *  Errors are gRPC statuses whose message names the field, what was expected and what to do:
     *  INVALID_ARGUMENT (malformed host/port/metadata), OUT_OF_RANGE (port outside every pool),
     *  PERMISSION_DENIED (owned by another account), ALREADY_EXISTS (host:port already reserved),
     *  RESOURCE_EXHAUSTED (no free port left), NOT_FOUND, UNAUTHENTICATED.
     * </pre>
     */
    public static abstract class AddressServiceImplBase implements io.grpc.BindableService {

        private String compression;

        /**
         * Set whether the server will try to use a compressed response.
         *
         * @param compression the compression, e.g {@code gzip}
         */
        public AddressServiceImplBase withCompression(String compression) {
            this.compression = compression;
            return this;
        }

        /**
         * <pre>
         *  Reserves a random address from the pools, or the specific host and/or port asked for.
         * </pre>
         */
        public io.smallrye.mutiny.Uni<dev.portway.api.v1.Address> reserve(dev.portway.api.v1.ReserveAddressRequest request) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }

        /**
         * <pre>
         *  Releases an address by id or host:port. Releasing an unknown address is NOT_FOUND.
         * </pre>
         */
        public io.smallrye.mutiny.Uni<dev.portway.api.v1.ReleaseAddressResponse> release(dev.portway.api.v1.ReleaseAddressRequest request) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }

        /**
         * <pre>
         *  Gets one address by id or host:port.
         * </pre>
         */
        public io.smallrye.mutiny.Uni<dev.portway.api.v1.Address> get(dev.portway.api.v1.GetAddressRequest request) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }

        /**
         * <pre>
         *  Lists the addresses of one account, ordered by host then port, paged.
         * </pre>
         */
        public io.smallrye.mutiny.Uni<dev.portway.api.v1.ListAddressesResponse> list(dev.portway.api.v1.ListAddressesRequest request) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }

        /**
         * <pre>
         *  Extends the lease of ephemeral addresses that are still bound (called by bridges).
         * </pre>
         */
        public io.smallrye.mutiny.Uni<dev.portway.api.v1.RenewLeasesResponse> renewLeases(dev.portway.api.v1.RenewLeasesRequest request) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }

        /**
         * <pre>
         *  Describes the configured pools with their free and reserved counts.
         * </pre>
         */
        public io.smallrye.mutiny.Uni<dev.portway.api.v1.ListPoolsResponse> listPools(dev.portway.api.v1.ListPoolsRequest request) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }

        /**
         * <pre>
         *  Streams a snapshot of every address, then every change, each carrying a revision.
         * </pre>
         */
        public io.smallrye.mutiny.Multi<dev.portway.api.v1.AddressEvent> watch(dev.portway.api.v1.WatchAddressesRequest request) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }

        @java.lang.Override
        public io.grpc.ServerServiceDefinition bindService() {
            return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor()).addMethod(dev.portway.api.v1.AddressServiceGrpc.getReserveMethod(), asyncUnaryCall(new MethodHandlers<dev.portway.api.v1.ReserveAddressRequest, dev.portway.api.v1.Address>(this, METHODID_RESERVE, compression))).addMethod(dev.portway.api.v1.AddressServiceGrpc.getReleaseMethod(), asyncUnaryCall(new MethodHandlers<dev.portway.api.v1.ReleaseAddressRequest, dev.portway.api.v1.ReleaseAddressResponse>(this, METHODID_RELEASE, compression))).addMethod(dev.portway.api.v1.AddressServiceGrpc.getGetMethod(), asyncUnaryCall(new MethodHandlers<dev.portway.api.v1.GetAddressRequest, dev.portway.api.v1.Address>(this, METHODID_GET, compression))).addMethod(dev.portway.api.v1.AddressServiceGrpc.getListMethod(), asyncUnaryCall(new MethodHandlers<dev.portway.api.v1.ListAddressesRequest, dev.portway.api.v1.ListAddressesResponse>(this, METHODID_LIST, compression))).addMethod(dev.portway.api.v1.AddressServiceGrpc.getWatchMethod(), asyncServerStreamingCall(new MethodHandlers<dev.portway.api.v1.WatchAddressesRequest, dev.portway.api.v1.AddressEvent>(this, METHODID_WATCH, compression))).addMethod(dev.portway.api.v1.AddressServiceGrpc.getRenewLeasesMethod(), asyncUnaryCall(new MethodHandlers<dev.portway.api.v1.RenewLeasesRequest, dev.portway.api.v1.RenewLeasesResponse>(this, METHODID_RENEW_LEASES, compression))).addMethod(dev.portway.api.v1.AddressServiceGrpc.getListPoolsMethod(), asyncUnaryCall(new MethodHandlers<dev.portway.api.v1.ListPoolsRequest, dev.portway.api.v1.ListPoolsResponse>(this, METHODID_LIST_POOLS, compression))).build();
        }
    }

    private static final int METHODID_RESERVE = 0;

    private static final int METHODID_RELEASE = 1;

    private static final int METHODID_GET = 2;

    private static final int METHODID_LIST = 3;

    private static final int METHODID_WATCH = 4;

    private static final int METHODID_RENEW_LEASES = 5;

    private static final int METHODID_LIST_POOLS = 6;

    private static final class MethodHandlers<Req, Resp> implements io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>, io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>, io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>, io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {

        private final AddressServiceImplBase serviceImpl;

        private final int methodId;

        private final String compression;

        MethodHandlers(AddressServiceImplBase serviceImpl, int methodId, String compression) {
            this.serviceImpl = serviceImpl;
            this.methodId = methodId;
            this.compression = compression;
        }

        @java.lang.Override
        @java.lang.SuppressWarnings("unchecked")
        public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
            switch(methodId) {
                case METHODID_RESERVE:
                    io.quarkus.grpc.stubs.ServerCalls.oneToOne((dev.portway.api.v1.ReserveAddressRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.Address>) responseObserver, compression, serviceImpl::reserve);
                    break;
                case METHODID_RELEASE:
                    io.quarkus.grpc.stubs.ServerCalls.oneToOne((dev.portway.api.v1.ReleaseAddressRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.ReleaseAddressResponse>) responseObserver, compression, serviceImpl::release);
                    break;
                case METHODID_GET:
                    io.quarkus.grpc.stubs.ServerCalls.oneToOne((dev.portway.api.v1.GetAddressRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.Address>) responseObserver, compression, serviceImpl::get);
                    break;
                case METHODID_LIST:
                    io.quarkus.grpc.stubs.ServerCalls.oneToOne((dev.portway.api.v1.ListAddressesRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.ListAddressesResponse>) responseObserver, compression, serviceImpl::list);
                    break;
                case METHODID_WATCH:
                    io.quarkus.grpc.stubs.ServerCalls.oneToMany((dev.portway.api.v1.WatchAddressesRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.AddressEvent>) responseObserver, compression, serviceImpl::watch);
                    break;
                case METHODID_RENEW_LEASES:
                    io.quarkus.grpc.stubs.ServerCalls.oneToOne((dev.portway.api.v1.RenewLeasesRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.RenewLeasesResponse>) responseObserver, compression, serviceImpl::renewLeases);
                    break;
                case METHODID_LIST_POOLS:
                    io.quarkus.grpc.stubs.ServerCalls.oneToOne((dev.portway.api.v1.ListPoolsRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.ListPoolsResponse>) responseObserver, compression, serviceImpl::listPools);
                    break;
                default:
                    throw new java.lang.AssertionError();
            }
        }

        @java.lang.Override
        @java.lang.SuppressWarnings("unchecked")
        public io.grpc.stub.StreamObserver<Req> invoke(io.grpc.stub.StreamObserver<Resp> responseObserver) {
            switch(methodId) {
                default:
                    throw new java.lang.AssertionError();
            }
        }
    }
}
