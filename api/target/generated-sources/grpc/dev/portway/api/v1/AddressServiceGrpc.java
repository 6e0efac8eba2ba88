package dev.portway.api.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * AddressService owns every TCP address (host:port) of the suite.
 * Callers authenticate with gRPC metadata `authorization: Bearer &lt;token&gt;`:
 * - a user authtoken acts for its own account (request `account` may be empty or must match);
 * - the internal service token (bridges, edges) may act for any account named in the request.
 * Errors are gRPC statuses whose message names the field, what was expected and what to do:
 * INVALID_ARGUMENT (malformed host/port/metadata), OUT_OF_RANGE (port outside every pool),
 * PERMISSION_DENIED (owned by another account), ALREADY_EXISTS (host:port already reserved),
 * RESOURCE_EXHAUSTED (no free port left), NOT_FOUND, UNAUTHENTICATED.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class AddressServiceGrpc {

    private AddressServiceGrpc() {
    }

    public static final java.lang.String SERVICE_NAME = "portway.v1.AddressService";

    // Static method descriptors that strictly reflect the proto.
    private static volatile io.grpc.MethodDescriptor<dev.portway.api.v1.ReserveAddressRequest, dev.portway.api.v1.Address> getReserveMethod;

    @io.grpc.stub.annotations.RpcMethod(fullMethodName = SERVICE_NAME + '/' + "Reserve", requestType = dev.portway.api.v1.ReserveAddressRequest.class, responseType = dev.portway.api.v1.Address.class, methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
    public static io.grpc.MethodDescriptor<dev.portway.api.v1.ReserveAddressRequest, dev.portway.api.v1.Address> getReserveMethod() {
        io.grpc.MethodDescriptor<dev.portway.api.v1.ReserveAddressRequest, dev.portway.api.v1.Address> getReserveMethod;
        if ((getReserveMethod = AddressServiceGrpc.getReserveMethod) == null) {
            synchronized (AddressServiceGrpc.class) {
                if ((getReserveMethod = AddressServiceGrpc.getReserveMethod) == null) {
                    AddressServiceGrpc.getReserveMethod = getReserveMethod = io.grpc.MethodDescriptor.<dev.portway.api.v1.ReserveAddressRequest, dev.portway.api.v1.Address>newBuilder().setType(io.grpc.MethodDescriptor.MethodType.UNARY).setFullMethodName(generateFullMethodName(SERVICE_NAME, "Reserve")).setSampledToLocalTracing(true).setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.ReserveAddressRequest.getDefaultInstance())).setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.Address.getDefaultInstance())).setSchemaDescriptor(new AddressServiceMethodDescriptorSupplier("Reserve")).build();
                }
            }
        }
        return getReserveMethod;
    }

    private static volatile io.grpc.MethodDescriptor<dev.portway.api.v1.ReleaseAddressRequest, dev.portway.api.v1.ReleaseAddressResponse> getReleaseMethod;

    @io.grpc.stub.annotations.RpcMethod(fullMethodName = SERVICE_NAME + '/' + "Release", requestType = dev.portway.api.v1.ReleaseAddressRequest.class, responseType = dev.portway.api.v1.ReleaseAddressResponse.class, methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
    public static io.grpc.MethodDescriptor<dev.portway.api.v1.ReleaseAddressRequest, dev.portway.api.v1.ReleaseAddressResponse> getReleaseMethod() {
        io.grpc.MethodDescriptor<dev.portway.api.v1.ReleaseAddressRequest, dev.portway.api.v1.ReleaseAddressResponse> getReleaseMethod;
        if ((getReleaseMethod = AddressServiceGrpc.getReleaseMethod) == null) {
            synchronized (AddressServiceGrpc.class) {
                if ((getReleaseMethod = AddressServiceGrpc.getReleaseMethod) == null) {
                    AddressServiceGrpc.getReleaseMethod = getReleaseMethod = io.grpc.MethodDescriptor.<dev.portway.api.v1.ReleaseAddressRequest, dev.portway.api.v1.ReleaseAddressResponse>newBuilder().setType(io.grpc.MethodDescriptor.MethodType.UNARY).setFullMethodName(generateFullMethodName(SERVICE_NAME, "Release")).setSampledToLocalTracing(true).setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.ReleaseAddressRequest.getDefaultInstance())).setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.ReleaseAddressResponse.getDefaultInstance())).setSchemaDescriptor(new AddressServiceMethodDescriptorSupplier("Release")).build();
                }
            }
        }
        return getReleaseMethod;
    }

    private static volatile io.grpc.MethodDescriptor<dev.portway.api.v1.GetAddressRequest, dev.portway.api.v1.Address> getGetMethod;

    @io.grpc.stub.annotations.RpcMethod(fullMethodName = SERVICE_NAME + '/' + "Get", requestType = dev.portway.api.v1.GetAddressRequest.class, responseType = dev.portway.api.v1.Address.class, methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
    public static io.grpc.MethodDescriptor<dev.portway.api.v1.GetAddressRequest, dev.portway.api.v1.Address> getGetMethod() {
        io.grpc.MethodDescriptor<dev.portway.api.v1.GetAddressRequest, dev.portway.api.v1.Address> getGetMethod;
        if ((getGetMethod = AddressServiceGrpc.getGetMethod) == null) {
            synchronized (AddressServiceGrpc.class) {
                if ((getGetMethod = AddressServiceGrpc.getGetMethod) == null) {
                    AddressServiceGrpc.getGetMethod = getGetMethod = io.grpc.MethodDescriptor.<dev.portway.api.v1.GetAddressRequest, dev.portway.api.v1.Address>newBuilder().setType(io.grpc.MethodDescriptor.MethodType.UNARY).setFullMethodName(generateFullMethodName(SERVICE_NAME, "Get")).setSampledToLocalTracing(true).setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.GetAddressRequest.getDefaultInstance())).setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.Address.getDefaultInstance())).setSchemaDescriptor(new AddressServiceMethodDescriptorSupplier("Get")).build();
                }
            }
        }
        return getGetMethod;
    }

    private static volatile io.grpc.MethodDescriptor<dev.portway.api.v1.ListAddressesRequest, dev.portway.api.v1.ListAddressesResponse> getListMethod;

    @io.grpc.stub.annotations.RpcMethod(fullMethodName = SERVICE_NAME + '/' + "List", requestType = dev.portway.api.v1.ListAddressesRequest.class, responseType = dev.portway.api.v1.ListAddressesResponse.class, methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
    public static io.grpc.MethodDescriptor<dev.portway.api.v1.ListAddressesRequest, dev.portway.api.v1.ListAddressesResponse> getListMethod() {
        io.grpc.MethodDescriptor<dev.portway.api.v1.ListAddressesRequest, dev.portway.api.v1.ListAddressesResponse> getListMethod;
        if ((getListMethod = AddressServiceGrpc.getListMethod) == null) {
            synchronized (AddressServiceGrpc.class) {
                if ((getListMethod = AddressServiceGrpc.getListMethod) == null) {
                    AddressServiceGrpc.getListMethod = getListMethod = io.grpc.MethodDescriptor.<dev.portway.api.v1.ListAddressesRequest, dev.portway.api.v1.ListAddressesResponse>newBuilder().setType(io.grpc.MethodDescriptor.MethodType.UNARY).setFullMethodName(generateFullMethodName(SERVICE_NAME, "List")).setSampledToLocalTracing(true).setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.ListAddressesRequest.getDefaultInstance())).setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.ListAddressesResponse.getDefaultInstance())).setSchemaDescriptor(new AddressServiceMethodDescriptorSupplier("List")).build();
                }
            }
        }
        return getListMethod;
    }

    private static volatile io.grpc.MethodDescriptor<dev.portway.api.v1.WatchAddressesRequest, dev.portway.api.v1.AddressEvent> getWatchMethod;

    @io.grpc.stub.annotations.RpcMethod(fullMethodName = SERVICE_NAME + '/' + "Watch", requestType = dev.portway.api.v1.WatchAddressesRequest.class, responseType = dev.portway.api.v1.AddressEvent.class, methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
    public static io.grpc.MethodDescriptor<dev.portway.api.v1.WatchAddressesRequest, dev.portway.api.v1.AddressEvent> getWatchMethod() {
        io.grpc.MethodDescriptor<dev.portway.api.v1.WatchAddressesRequest, dev.portway.api.v1.AddressEvent> getWatchMethod;
        if ((getWatchMethod = AddressServiceGrpc.getWatchMethod) == null) {
            synchronized (AddressServiceGrpc.class) {
                if ((getWatchMethod = AddressServiceGrpc.getWatchMethod) == null) {
                    AddressServiceGrpc.getWatchMethod = getWatchMethod = io.grpc.MethodDescriptor.<dev.portway.api.v1.WatchAddressesRequest, dev.portway.api.v1.AddressEvent>newBuilder().setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING).setFullMethodName(generateFullMethodName(SERVICE_NAME, "Watch")).setSampledToLocalTracing(true).setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.WatchAddressesRequest.getDefaultInstance())).setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.AddressEvent.getDefaultInstance())).setSchemaDescriptor(new AddressServiceMethodDescriptorSupplier("Watch")).build();
                }
            }
        }
        return getWatchMethod;
    }

    private static volatile io.grpc.MethodDescriptor<dev.portway.api.v1.RenewLeasesRequest, dev.portway.api.v1.RenewLeasesResponse> getRenewLeasesMethod;

    @io.grpc.stub.annotations.RpcMethod(fullMethodName = SERVICE_NAME + '/' + "RenewLeases", requestType = dev.portway.api.v1.RenewLeasesRequest.class, responseType = dev.portway.api.v1.RenewLeasesResponse.class, methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
    public static io.grpc.MethodDescriptor<dev.portway.api.v1.RenewLeasesRequest, dev.portway.api.v1.RenewLeasesResponse> getRenewLeasesMethod() {
        io.grpc.MethodDescriptor<dev.portway.api.v1.RenewLeasesRequest, dev.portway.api.v1.RenewLeasesResponse> getRenewLeasesMethod;
        if ((getRenewLeasesMethod = AddressServiceGrpc.getRenewLeasesMethod) == null) {
            synchronized (AddressServiceGrpc.class) {
                if ((getRenewLeasesMethod = AddressServiceGrpc.getRenewLeasesMethod) == null) {
                    AddressServiceGrpc.getRenewLeasesMethod = getRenewLeasesMethod = io.grpc.MethodDescriptor.<dev.portway.api.v1.RenewLeasesRequest, dev.portway.api.v1.RenewLeasesResponse>newBuilder().setType(io.grpc.MethodDescriptor.MethodType.UNARY).setFullMethodName(generateFullMethodName(SERVICE_NAME, "RenewLeases")).setSampledToLocalTracing(true).setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.RenewLeasesRequest.getDefaultInstance())).setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.RenewLeasesResponse.getDefaultInstance())).setSchemaDescriptor(new AddressServiceMethodDescriptorSupplier("RenewLeases")).build();
                }
            }
        }
        return getRenewLeasesMethod;
    }

    private static volatile io.grpc.MethodDescriptor<dev.portway.api.v1.ListPoolsRequest, dev.portway.api.v1.ListPoolsResponse> getListPoolsMethod;

    @io.grpc.stub.annotations.RpcMethod(fullMethodName = SERVICE_NAME + '/' + "ListPools", requestType = dev.portway.api.v1.ListPoolsRequest.class, responseType = dev.portway.api.v1.ListPoolsResponse.class, methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
    public static io.grpc.MethodDescriptor<dev.portway.api.v1.ListPoolsRequest, dev.portway.api.v1.ListPoolsResponse> getListPoolsMethod() {
        io.grpc.MethodDescriptor<dev.portway.api.v1.ListPoolsRequest, dev.portway.api.v1.ListPoolsResponse> getListPoolsMethod;
        if ((getListPoolsMethod = AddressServiceGrpc.getListPoolsMethod) == null) {
            synchronized (AddressServiceGrpc.class) {
                if ((getListPoolsMethod = AddressServiceGrpc.getListPoolsMethod) == null) {
                    AddressServiceGrpc.getListPoolsMethod = getListPoolsMethod = io.grpc.MethodDescriptor.<dev.portway.api.v1.ListPoolsRequest, dev.portway.api.v1.ListPoolsResponse>newBuilder().setType(io.grpc.MethodDescriptor.MethodType.UNARY).setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListPools")).setSampledToLocalTracing(true).setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.ListPoolsRequest.getDefaultInstance())).setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.ListPoolsResponse.getDefaultInstance())).setSchemaDescriptor(new AddressServiceMethodDescriptorSupplier("ListPools")).build();
                }
            }
        }
        return getListPoolsMethod;
    }

    /**
     * Creates a new async stub that supports all call types for the service
     */
    public static AddressServiceStub newStub(io.grpc.Channel channel) {
        io.grpc.stub.AbstractStub.StubFactory<AddressServiceStub> factory = new io.grpc.stub.AbstractStub.StubFactory<AddressServiceStub>() {

            @java.lang.Override
            public AddressServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
                return new AddressServiceStub(channel, callOptions);
            }
        };
        return AddressServiceStub.newStub(factory, channel);
    }

    /**
     * Creates a new blocking-style stub that supports all types of calls on the service
     */
    public static AddressServiceBlockingV2Stub newBlockingV2Stub(io.grpc.Channel channel) {
        io.grpc.stub.AbstractStub.StubFactory<AddressServiceBlockingV2Stub> factory = new io.grpc.stub.AbstractStub.StubFactory<AddressServiceBlockingV2Stub>() {

            @java.lang.Override
            public AddressServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
                return new AddressServiceBlockingV2Stub(channel, callOptions);
            }
        };
        return AddressServiceBlockingV2Stub.newStub(factory, channel);
    }

    /**
     * Creates a new blocking-style stub that supports unary and streaming output calls on the service
     */
    public static AddressServiceBlockingStub newBlockingStub(io.grpc.Channel channel) {
        io.grpc.stub.AbstractStub.StubFactory<AddressServiceBlockingStub> factory = new io.grpc.stub.AbstractStub.StubFactory<AddressServiceBlockingStub>() {

            @java.lang.Override
            public AddressServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
                return new AddressServiceBlockingStub(channel, callOptions);
            }
        };
        return AddressServiceBlockingStub.newStub(factory, channel);
    }

    /**
     * Creates a new ListenableFuture-style stub that supports unary calls on the service
     */
    public static AddressServiceFutureStub newFutureStub(io.grpc.Channel channel) {
        io.grpc.stub.AbstractStub.StubFactory<AddressServiceFutureStub> factory = new io.grpc.stub.AbstractStub.StubFactory<AddressServiceFutureStub>() {

            @java.lang.Override
            public AddressServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
                return new AddressServiceFutureStub(channel, callOptions);
            }
        };
        return AddressServiceFutureStub.newStub(factory, channel);
    }

    /**
     * <pre>
     * AddressService owns every TCP address (host:port) of the suite.
     * Callers authenticate with gRPC metadata `authorization: Bearer &lt;token&gt;`:
     * - a user authtoken acts for its own account (request `account` may be empty or must match);
     * - the internal service token (bridges, edges) may act for any account named in the request.
     * Errors are gRPC statuses whose message names the field, what was expected and what to do:
     * INVALID_ARGUMENT (malformed host/port/metadata), OUT_OF_RANGE (port outside every pool),
     * PERMISSION_DENIED (owned by another account), ALREADY_EXISTS (host:port already reserved),
     * RESOURCE_EXHAUSTED (no free port left), NOT_FOUND, UNAUTHENTICATED.
     * </pre>
     */
    public interface AsyncService {

        /**
         * <pre>
         * Reserves a random address from the pools, or the specific host and/or port asked for.
         * </pre>
         */
        default void reserve(dev.portway.api.v1.ReserveAddressRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.Address> responseObserver) {
            io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReserveMethod(), responseObserver);
        }

        /**
         * <pre>
         * Releases an address by id or host:port. Releasing an unknown address is NOT_FOUND.
         * </pre>
         */
        default void release(dev.portway.api.v1.ReleaseAddressRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.ReleaseAddressResponse> responseObserver) {
            io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReleaseMethod(), responseObserver);
        }

        /**
         * <pre>
         * Gets one address by id or host:port.
         * </pre>
         */
        default void get(dev.portway.api.v1.GetAddressRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.Address> responseObserver) {
            io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetMethod(), responseObserver);
        }

        /**
         * <pre>
         * Lists the addresses of one account, ordered by host then port, paged.
         * </pre>
         */
        default void list(dev.portway.api.v1.ListAddressesRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.ListAddressesResponse> responseObserver) {
            io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListMethod(), responseObserver);
        }

        /**
         * <pre>
         * Streams a snapshot of every address, then every change, each carrying a revision.
         * </pre>
         */
        default void watch(dev.portway.api.v1.WatchAddressesRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.AddressEvent> responseObserver) {
            io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getWatchMethod(), responseObserver);
        }

        /**
         * <pre>
         * Extends the lease of ephemeral addresses that are still bound (called by bridges).
         * </pre>
         */
        default void renewLeases(dev.portway.api.v1.RenewLeasesRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.RenewLeasesResponse> responseObserver) {
            io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRenewLeasesMethod(), responseObserver);
        }

        /**
         * <pre>
         * Describes the configured pools with their free and reserved counts.
         * </pre>
         */
        default void listPools(dev.portway.api.v1.ListPoolsRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.ListPoolsResponse> responseObserver) {
            io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListPoolsMethod(), responseObserver);
        }
    }

    /**
     * Base class for the server implementation of the service AddressService.
     * <pre>
     * AddressService owns every TCP address (host:port) of the suite.
     * Callers authenticate with gRPC metadata `authorization: Bearer &lt;token&gt;`:
     * - a user authtoken acts for its own account (request `account` may be empty or must match);
     * - the internal service token (bridges, edges) may act for any account named in the request.
     * Errors are gRPC statuses whose message names the field, what was expected and what to do:
     * INVALID_ARGUMENT (malformed host/port/metadata), OUT_OF_RANGE (port outside every pool),
     * PERMISSION_DENIED (owned by another account), ALREADY_EXISTS (host:port already reserved),
     * RESOURCE_EXHAUSTED (no free port left), NOT_FOUND, UNAUTHENTICATED.
     * </pre>
     */
    public static abstract class AddressServiceImplBase implements io.grpc.BindableService, AsyncService {

        @java.lang.Override
        public io.grpc.ServerServiceDefinition bindService() {
            return AddressServiceGrpc.bindService(this);
        }
    }

    /**
     * A stub to allow clients to do asynchronous rpc calls to service AddressService.
     * <pre>
     * AddressService owns every TCP address (host:port) of the suite.
     * Callers authenticate with gRPC metadata `authorization: Bearer &lt;token&gt;`:
     * - a user authtoken acts for its own account (request `account` may be empty or must match);
     * - the internal service token (bridges, edges) may act for any account named in the request.
     * Errors are gRPC statuses whose message names the field, what was expected and what to do:
     * INVALID_ARGUMENT (malformed host/port/metadata), OUT_OF_RANGE (port outside every pool),
     * PERMISSION_DENIED (owned by another account), ALREADY_EXISTS (host:port already reserved),
     * RESOURCE_EXHAUSTED (no free port left), NOT_FOUND, UNAUTHENTICATED.
     * </pre>
     */
    public static class AddressServiceStub extends io.grpc.stub.AbstractAsyncStub<AddressServiceStub> {

        private AddressServiceStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            super(channel, callOptions);
        }

        @java.lang.Override
        protected AddressServiceStub build(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            return new AddressServiceStub(channel, callOptions);
        }

        /**
         * <pre>
         * Reserves a random address from the pools, or the specific host and/or port asked for.
         * </pre>
         */
        public void reserve(dev.portway.api.v1.ReserveAddressRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.Address> responseObserver) {
            io.grpc.stub.ClientCalls.asyncUnaryCall(getChannel().newCall(getReserveMethod(), getCallOptions()), request, responseObserver);
        }

        /**
         * <pre>
         * Releases an address by id or host:port. Releasing an unknown address is NOT_FOUND.
         * </pre>
         */
        public void release(dev.portway.api.v1.ReleaseAddressRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.ReleaseAddressResponse> responseObserver) {
            io.grpc.stub.ClientCalls.asyncUnaryCall(getChannel().newCall(getReleaseMethod(), getCallOptions()), request, responseObserver);
        }

        /**
         * <pre>
         * Gets one address by id or host:port.
         * </pre>
         */
        public void get(dev.portway.api.v1.GetAddressRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.Address> responseObserver) {
            io.grpc.stub.ClientCalls.asyncUnaryCall(getChannel().newCall(getGetMethod(), getCallOptions()), request, responseObserver);
        }

        /**
         * <pre>
         * Lists the addresses of one account, ordered by host then port, paged.
         * </pre>
         */
        public void list(dev.portway.api.v1.ListAddressesRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.ListAddressesResponse> responseObserver) {
            io.grpc.stub.ClientCalls.asyncUnaryCall(getChannel().newCall(getListMethod(), getCallOptions()), request, responseObserver);
        }

        /**
         * <pre>
         * Streams a snapshot of every address, then every change, each carrying a revision.
         * </pre>
         */
        public void watch(dev.portway.api.v1.WatchAddressesRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.AddressEvent> responseObserver) {
            io.grpc.stub.ClientCalls.asyncServerStreamingCall(getChannel().newCall(getWatchMethod(), getCallOptions()), request, responseObserver);
        }

        /**
         * <pre>
         * Extends the lease of ephemeral addresses that are still bound (called by bridges).
         * </pre>
         */
        public void renewLeases(dev.portway.api.v1.RenewLeasesRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.RenewLeasesResponse> responseObserver) {
            io.grpc.stub.ClientCalls.asyncUnaryCall(getChannel().newCall(getRenewLeasesMethod(), getCallOptions()), request, responseObserver);
        }

        /**
         * <pre>
         * Describes the configured pools with their free and reserved counts.
         * </pre>
         */
        public void listPools(dev.portway.api.v1.ListPoolsRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.ListPoolsResponse> responseObserver) {
            io.grpc.stub.ClientCalls.asyncUnaryCall(getChannel().newCall(getListPoolsMethod(), getCallOptions()), request, responseObserver);
        }
    }

    /**
     * A stub to allow clients to do synchronous rpc calls to service AddressService.
     * <pre>
     * AddressService owns every TCP address (host:port) of the suite.
     * Callers authenticate with gRPC metadata `authorization: Bearer &lt;token&gt;`:
     * - a user authtoken acts for its own account (request `account` may be empty or must match);
     * - the internal service token (bridges, edges) may act for any account named in the request.
     * Errors are gRPC statuses whose message names the field, what was expected and what to do:
     * INVALID_ARGUMENT (malformed host/port/metadata), OUT_OF_RANGE (port outside every pool),
     * PERMISSION_DENIED (owned by another account), ALREADY_EXISTS (host:port already reserved),
     * RESOURCE_EXHAUSTED (no free port left), NOT_FOUND, UNAUTHENTICATED.
     * </pre>
     */
    public static class AddressServiceBlockingV2Stub extends io.grpc.stub.AbstractBlockingStub<AddressServiceBlockingV2Stub> {

        private AddressServiceBlockingV2Stub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            super(channel, callOptions);
        }

        @java.lang.Override
        protected AddressServiceBlockingV2Stub build(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            return new AddressServiceBlockingV2Stub(channel, callOptions);
        }

        /**
         * <pre>
         * Reserves a random address from the pools, or the specific host and/or port asked for.
         * </pre>
         */
        public dev.portway.api.v1.Address reserve(dev.portway.api.v1.ReserveAddressRequest request) throws io.grpc.StatusException {
            return io.grpc.stub.ClientCalls.blockingV2UnaryCall(getChannel(), getReserveMethod(), getCallOptions(), request);
        }

        /**
         * <pre>
         * Releases an address by id or host:port. Releasing an unknown address is NOT_FOUND.
         * </pre>
         */
        public dev.portway.api.v1.ReleaseAddressResponse release(dev.portway.api.v1.ReleaseAddressRequest request) throws io.grpc.StatusException {
            return io.grpc.stub.ClientCalls.blockingV2UnaryCall(getChannel(), getReleaseMethod(), getCallOptions(), request);
        }

        /**
         * <pre>
         * Gets one address by id or host:port.
         * </pre>
         */
        public dev.portway.api.v1.Address get(dev.portway.api.v1.GetAddressRequest request) throws io.grpc.StatusException {
            return io.grpc.stub.ClientCalls.blockingV2UnaryCall(getChannel(), getGetMethod(), getCallOptions(), request);
        }

        /**
         * <pre>
         * Lists the addresses of one account, ordered by host then port, paged.
         * </pre>
         */
        public dev.portway.api.v1.ListAddressesResponse list(dev.portway.api.v1.ListAddressesRequest request) throws io.grpc.StatusException {
            return io.grpc.stub.ClientCalls.blockingV2UnaryCall(getChannel(), getListMethod(), getCallOptions(), request);
        }

        /**
         * <pre>
         * Streams a snapshot of every address, then every change, each carrying a revision.
         * </pre>
         */
        @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
        public io.grpc.stub.BlockingClientCall<?, dev.portway.api.v1.AddressEvent> watch(dev.portway.api.v1.WatchAddressesRequest request) {
            return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(getChannel(), getWatchMethod(), getCallOptions(), request);
        }

        /**
         * <pre>
         * Extends the lease of ephemeral addresses that are still bound (called by bridges).
         * </pre>
         */
        public dev.portway.api.v1.RenewLeasesResponse renewLeases(dev.portway.api.v1.RenewLeasesRequest request) throws io.grpc.StatusException {
            return io.grpc.stub.ClientCalls.blockingV2UnaryCall(getChannel(), getRenewLeasesMethod(), getCallOptions(), request);
        }

        /**
         * <pre>
         * Describes the configured pools with their free and reserved counts.
         * </pre>
         */
        public dev.portway.api.v1.ListPoolsResponse listPools(dev.portway.api.v1.ListPoolsRequest request) throws io.grpc.StatusException {
            return io.grpc.stub.ClientCalls.blockingV2UnaryCall(getChannel(), getListPoolsMethod(), getCallOptions(), request);
        }
    }

    /**
     * A stub to allow clients to do limited synchronous rpc calls to service AddressService.
     * <pre>
     * AddressService owns every TCP address (host:port) of the suite.
     * Callers authenticate with gRPC metadata `authorization: Bearer &lt;token&gt;`:
     * - a user authtoken acts for its own account (request `account` may be empty or must match);
     * - the internal service token (bridges, edges) may act for any account named in the request.
     * Errors are gRPC statuses whose message names the field, what was expected and what to do:
     * INVALID_ARGUMENT (malformed host/port/metadata), OUT_OF_RANGE (port outside every pool),
     * PERMISSION_DENIED (owned by another account), ALREADY_EXISTS (host:port already reserved),
     * RESOURCE_EXHAUSTED (no free port left), NOT_FOUND, UNAUTHENTICATED.
     * </pre>
     */
    public static class AddressServiceBlockingStub extends io.grpc.stub.AbstractBlockingStub<AddressServiceBlockingStub> {

        private AddressServiceBlockingStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            super(channel, callOptions);
        }

        @java.lang.Override
        protected AddressServiceBlockingStub build(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            return new AddressServiceBlockingStub(channel, callOptions);
        }

        /**
         * <pre>
         * Reserves a random address from the pools, or the specific host and/or port asked for.
         * </pre>
         */
        public dev.portway.api.v1.Address reserve(dev.portway.api.v1.ReserveAddressRequest request) {
            return io.grpc.stub.ClientCalls.blockingUnaryCall(getChannel(), getReserveMethod(), getCallOptions(), request);
        }

        /**
         * <pre>
         * Releases an address by id or host:port. Releasing an unknown address is NOT_FOUND.
         * </pre>
         */
        public dev.portway.api.v1.ReleaseAddressResponse release(dev.portway.api.v1.ReleaseAddressRequest request) {
            return io.grpc.stub.ClientCalls.blockingUnaryCall(getChannel(), getReleaseMethod(), getCallOptions(), request);
        }

        /**
         * <pre>
         * Gets one address by id or host:port.
         * </pre>
         */
        public dev.portway.api.v1.Address get(dev.portway.api.v1.GetAddressRequest request) {
            return io.grpc.stub.ClientCalls.blockingUnaryCall(getChannel(), getGetMethod(), getCallOptions(), request);
        }

        /**
         * <pre>
         * Lists the addresses of one account, ordered by host then port, paged.
         * </pre>
         */
        public dev.portway.api.v1.ListAddressesResponse list(dev.portway.api.v1.ListAddressesRequest request) {
            return io.grpc.stub.ClientCalls.blockingUnaryCall(getChannel(), getListMethod(), getCallOptions(), request);
        }

        /**
         * <pre>
         * Streams a snapshot of every address, then every change, each carrying a revision.
         * </pre>
         */
        public java.util.Iterator<dev.portway.api.v1.AddressEvent> watch(dev.portway.api.v1.WatchAddressesRequest request) {
            return io.grpc.stub.ClientCalls.blockingServerStreamingCall(getChannel(), getWatchMethod(), getCallOptions(), request);
        }

        /**
         * <pre>
         * Extends the lease of ephemeral addresses that are still bound (called by bridges).
         * </pre>
         */
        public dev.portway.api.v1.RenewLeasesResponse renewLeases(dev.portway.api.v1.RenewLeasesRequest request) {
            return io.grpc.stub.ClientCalls.blockingUnaryCall(getChannel(), getRenewLeasesMethod(), getCallOptions(), request);
        }

        /**
         * <pre>
         * Describes the configured pools with their free and reserved counts.
         * </pre>
         */
        public dev.portway.api.v1.ListPoolsResponse listPools(dev.portway.api.v1.ListPoolsRequest request) {
            return io.grpc.stub.ClientCalls.blockingUnaryCall(getChannel(), getListPoolsMethod(), getCallOptions(), request);
        }
    }

    /**
     * A stub to allow clients to do ListenableFuture-style rpc calls to service AddressService.
     * <pre>
     * AddressService owns every TCP address (host:port) of the suite.
     * Callers authenticate with gRPC metadata `authorization: Bearer &lt;token&gt;`:
     * - a user authtoken acts for its own account (request `account` may be empty or must match);
     * - the internal service token (bridges, edges) may act for any account named in the request.
     * Errors are gRPC statuses whose message names the field, what was expected and what to do:
     * INVALID_ARGUMENT (malformed host/port/metadata), OUT_OF_RANGE (port outside every pool),
     * PERMISSION_DENIED (owned by another account), ALREADY_EXISTS (host:port already reserved),
     * RESOURCE_EXHAUSTED (no free port left), NOT_FOUND, UNAUTHENTICATED.
     * </pre>
     */
    public static class AddressServiceFutureStub extends io.grpc.stub.AbstractFutureStub<AddressServiceFutureStub> {

        private AddressServiceFutureStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            super(channel, callOptions);
        }

        @java.lang.Override
        protected AddressServiceFutureStub build(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            return new AddressServiceFutureStub(channel, callOptions);
        }

        /**
         * <pre>
         * Reserves a random address from the pools, or the specific host and/or port asked for.
         * </pre>
         */
        public com.google.common.util.concurrent.ListenableFuture<dev.portway.api.v1.Address> reserve(dev.portway.api.v1.ReserveAddressRequest request) {
            return io.grpc.stub.ClientCalls.futureUnaryCall(getChannel().newCall(getReserveMethod(), getCallOptions()), request);
        }

        /**
         * <pre>
         * Releases an address by id or host:port. Releasing an unknown address is NOT_FOUND.
         * </pre>
         */
        public com.google.common.util.concurrent.ListenableFuture<dev.portway.api.v1.ReleaseAddressResponse> release(dev.portway.api.v1.ReleaseAddressRequest request) {
            return io.grpc.stub.ClientCalls.futureUnaryCall(getChannel().newCall(getReleaseMethod(), getCallOptions()), request);
        }

        /**
         * <pre>
         * Gets one address by id or host:port.
         * </pre>
         */
        public com.google.common.util.concurrent.ListenableFuture<dev.portway.api.v1.Address> get(dev.portway.api.v1.GetAddressRequest request) {
            return io.grpc.stub.ClientCalls.futureUnaryCall(getChannel().newCall(getGetMethod(), getCallOptions()), request);
        }

        /**
         * <pre>
         * Lists the addresses of one account, ordered by host then port, paged.
         * </pre>
         */
        public com.google.common.util.concurrent.ListenableFuture<dev.portway.api.v1.ListAddressesResponse> list(dev.portway.api.v1.ListAddressesRequest request) {
            return io.grpc.stub.ClientCalls.futureUnaryCall(getChannel().newCall(getListMethod(), getCallOptions()), request);
        }

        /**
         * <pre>
         * Extends the lease of ephemeral addresses that are still bound (called by bridges).
         * </pre>
         */
        public com.google.common.util.concurrent.ListenableFuture<dev.portway.api.v1.RenewLeasesResponse> renewLeases(dev.portway.api.v1.RenewLeasesRequest request) {
            return io.grpc.stub.ClientCalls.futureUnaryCall(getChannel().newCall(getRenewLeasesMethod(), getCallOptions()), request);
        }

        /**
         * <pre>
         * Describes the configured pools with their free and reserved counts.
         * </pre>
         */
        public com.google.common.util.concurrent.ListenableFuture<dev.portway.api.v1.ListPoolsResponse> listPools(dev.portway.api.v1.ListPoolsRequest request) {
            return io.grpc.stub.ClientCalls.futureUnaryCall(getChannel().newCall(getListPoolsMethod(), getCallOptions()), request);
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

        private final AsyncService serviceImpl;

        private final int methodId;

        MethodHandlers(AsyncService serviceImpl, int methodId) {
            this.serviceImpl = serviceImpl;
            this.methodId = methodId;
        }

        @java.lang.Override
        @java.lang.SuppressWarnings("unchecked")
        public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
            switch(methodId) {
                case METHODID_RESERVE:
                    serviceImpl.reserve((dev.portway.api.v1.ReserveAddressRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.Address>) responseObserver);
                    break;
                case METHODID_RELEASE:
                    serviceImpl.release((dev.portway.api.v1.ReleaseAddressRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.ReleaseAddressResponse>) responseObserver);
                    break;
                case METHODID_GET:
                    serviceImpl.get((dev.portway.api.v1.GetAddressRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.Address>) responseObserver);
                    break;
                case METHODID_LIST:
                    serviceImpl.list((dev.portway.api.v1.ListAddressesRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.ListAddressesResponse>) responseObserver);
                    break;
                case METHODID_WATCH:
                    serviceImpl.watch((dev.portway.api.v1.WatchAddressesRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.AddressEvent>) responseObserver);
                    break;
                case METHODID_RENEW_LEASES:
                    serviceImpl.renewLeases((dev.portway.api.v1.RenewLeasesRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.RenewLeasesResponse>) responseObserver);
                    break;
                case METHODID_LIST_POOLS:
                    serviceImpl.listPools((dev.portway.api.v1.ListPoolsRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.ListPoolsResponse>) responseObserver);
                    break;
                default:
                    throw new AssertionError();
            }
        }

        @java.lang.Override
        @java.lang.SuppressWarnings("unchecked")
        public io.grpc.stub.StreamObserver<Req> invoke(io.grpc.stub.StreamObserver<Resp> responseObserver) {
            switch(methodId) {
                default:
                    throw new AssertionError();
            }
        }
    }

    public static io.grpc.ServerServiceDefinition bindService(AsyncService service) {
        return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor()).addMethod(getReserveMethod(), io.grpc.stub.ServerCalls.asyncUnaryCall(new MethodHandlers<dev.portway.api.v1.ReserveAddressRequest, dev.portway.api.v1.Address>(service, METHODID_RESERVE))).addMethod(getReleaseMethod(), io.grpc.stub.ServerCalls.asyncUnaryCall(new MethodHandlers<dev.portway.api.v1.ReleaseAddressRequest, dev.portway.api.v1.ReleaseAddressResponse>(service, METHODID_RELEASE))).addMethod(getGetMethod(), io.grpc.stub.ServerCalls.asyncUnaryCall(new MethodHandlers<dev.portway.api.v1.GetAddressRequest, dev.portway.api.v1.Address>(service, METHODID_GET))).addMethod(getListMethod(), io.grpc.stub.ServerCalls.asyncUnaryCall(new MethodHandlers<dev.portway.api.v1.ListAddressesRequest, dev.portway.api.v1.ListAddressesResponse>(service, METHODID_LIST))).addMethod(getWatchMethod(), io.grpc.stub.ServerCalls.asyncServerStreamingCall(new MethodHandlers<dev.portway.api.v1.WatchAddressesRequest, dev.portway.api.v1.AddressEvent>(service, METHODID_WATCH))).addMethod(getRenewLeasesMethod(), io.grpc.stub.ServerCalls.asyncUnaryCall(new MethodHandlers<dev.portway.api.v1.RenewLeasesRequest, dev.portway.api.v1.RenewLeasesResponse>(service, METHODID_RENEW_LEASES))).addMethod(getListPoolsMethod(), io.grpc.stub.ServerCalls.asyncUnaryCall(new MethodHandlers<dev.portway.api.v1.ListPoolsRequest, dev.portway.api.v1.ListPoolsResponse>(service, METHODID_LIST_POOLS))).build();
    }

    private static abstract class AddressServiceBaseDescriptorSupplier implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {

        AddressServiceBaseDescriptorSupplier() {
        }

        @java.lang.Override
        public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
            return dev.portway.api.v1.AddressProto.getDescriptor();
        }

        @java.lang.Override
        public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
            return getFileDescriptor().findServiceByName("AddressService");
        }
    }

    private static final class AddressServiceFileDescriptorSupplier extends AddressServiceBaseDescriptorSupplier {

        AddressServiceFileDescriptorSupplier() {
        }
    }

    private static final class AddressServiceMethodDescriptorSupplier extends AddressServiceBaseDescriptorSupplier implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {

        private final java.lang.String methodName;

        AddressServiceMethodDescriptorSupplier(java.lang.String methodName) {
            this.methodName = methodName;
        }

        @java.lang.Override
        public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
            return getServiceDescriptor().findMethodByName(methodName);
        }
    }

    private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

    public static io.grpc.ServiceDescriptor getServiceDescriptor() {
        io.grpc.ServiceDescriptor result = serviceDescriptor;
        if (result == null) {
            synchronized (AddressServiceGrpc.class) {
                result = serviceDescriptor;
                if (result == null) {
                    serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME).setSchemaDescriptor(new AddressServiceFileDescriptorSupplier()).addMethod(getReserveMethod()).addMethod(getReleaseMethod()).addMethod(getGetMethod()).addMethod(getListMethod()).addMethod(getWatchMethod()).addMethod(getRenewLeasesMethod()).addMethod(getListPoolsMethod()).build();
                }
            }
        }
        return result;
    }
}
