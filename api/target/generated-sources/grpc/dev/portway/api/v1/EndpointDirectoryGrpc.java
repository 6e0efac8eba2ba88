package dev.portway.api.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Edges watch every bridge for the endpoints it holds.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class EndpointDirectoryGrpc {

    private EndpointDirectoryGrpc() {
    }

    public static final java.lang.String SERVICE_NAME = "portway.v1.EndpointDirectory";

    // Static method descriptors that strictly reflect the proto.
    private static volatile io.grpc.MethodDescriptor<dev.portway.api.v1.WatchEndpointsRequest, dev.portway.api.v1.EndpointEvent> getWatchMethod;

    @io.grpc.stub.annotations.RpcMethod(fullMethodName = SERVICE_NAME + '/' + "Watch", requestType = dev.portway.api.v1.WatchEndpointsRequest.class, responseType = dev.portway.api.v1.EndpointEvent.class, methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
    public static io.grpc.MethodDescriptor<dev.portway.api.v1.WatchEndpointsRequest, dev.portway.api.v1.EndpointEvent> getWatchMethod() {
        io.grpc.MethodDescriptor<dev.portway.api.v1.WatchEndpointsRequest, dev.portway.api.v1.EndpointEvent> getWatchMethod;
        if ((getWatchMethod = EndpointDirectoryGrpc.getWatchMethod) == null) {
            synchronized (EndpointDirectoryGrpc.class) {
                if ((getWatchMethod = EndpointDirectoryGrpc.getWatchMethod) == null) {
                    EndpointDirectoryGrpc.getWatchMethod = getWatchMethod = io.grpc.MethodDescriptor.<dev.portway.api.v1.WatchEndpointsRequest, dev.portway.api.v1.EndpointEvent>newBuilder().setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING).setFullMethodName(generateFullMethodName(SERVICE_NAME, "Watch")).setSampledToLocalTracing(true).setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.WatchEndpointsRequest.getDefaultInstance())).setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.EndpointEvent.getDefaultInstance())).setSchemaDescriptor(new EndpointDirectoryMethodDescriptorSupplier("Watch")).build();
                }
            }
        }
        return getWatchMethod;
    }

    /**
     * Creates a new async stub that supports all call types for the service
     */
    public static EndpointDirectoryStub newStub(io.grpc.Channel channel) {
        io.grpc.stub.AbstractStub.StubFactory<EndpointDirectoryStub> factory = new io.grpc.stub.AbstractStub.StubFactory<EndpointDirectoryStub>() {

            @java.lang.Override
            public EndpointDirectoryStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
                return new EndpointDirectoryStub(channel, callOptions);
            }
        };
        return EndpointDirectoryStub.newStub(factory, channel);
    }

    /**
     * Creates a new blocking-style stub that supports all types of calls on the service
     */
    public static EndpointDirectoryBlockingV2Stub newBlockingV2Stub(io.grpc.Channel channel) {
        io.grpc.stub.AbstractStub.StubFactory<EndpointDirectoryBlockingV2Stub> factory = new io.grpc.stub.AbstractStub.StubFactory<EndpointDirectoryBlockingV2Stub>() {

            @java.lang.Override
            public EndpointDirectoryBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
                return new EndpointDirectoryBlockingV2Stub(channel, callOptions);
            }
        };
        return EndpointDirectoryBlockingV2Stub.newStub(factory, channel);
    }

    /**
     * Creates a new blocking-style stub that supports unary and streaming output calls on the service
     */
    public static EndpointDirectoryBlockingStub newBlockingStub(io.grpc.Channel channel) {
        io.grpc.stub.AbstractStub.StubFactory<EndpointDirectoryBlockingStub> factory = new io.grpc.stub.AbstractStub.StubFactory<EndpointDirectoryBlockingStub>() {

            @java.lang.Override
            public EndpointDirectoryBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
                return new EndpointDirectoryBlockingStub(channel, callOptions);
            }
        };
        return EndpointDirectoryBlockingStub.newStub(factory, channel);
    }

    /**
     * Creates a new ListenableFuture-style stub that supports unary calls on the service
     */
    public static EndpointDirectoryFutureStub newFutureStub(io.grpc.Channel channel) {
        io.grpc.stub.AbstractStub.StubFactory<EndpointDirectoryFutureStub> factory = new io.grpc.stub.AbstractStub.StubFactory<EndpointDirectoryFutureStub>() {

            @java.lang.Override
            public EndpointDirectoryFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
                return new EndpointDirectoryFutureStub(channel, callOptions);
            }
        };
        return EndpointDirectoryFutureStub.newStub(factory, channel);
    }

    /**
     * <pre>
     * Edges watch every bridge for the endpoints it holds.
     * </pre>
     */
    public interface AsyncService {

        /**
         */
        default void watch(dev.portway.api.v1.WatchEndpointsRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.EndpointEvent> responseObserver) {
            io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getWatchMethod(), responseObserver);
        }
    }

    /**
     * Base class for the server implementation of the service EndpointDirectory.
     * <pre>
     * Edges watch every bridge for the endpoints it holds.
     * </pre>
     */
    public static abstract class EndpointDirectoryImplBase implements io.grpc.BindableService, AsyncService {

        @java.lang.Override
        public io.grpc.ServerServiceDefinition bindService() {
            return EndpointDirectoryGrpc.bindService(this);
        }
    }

    /**
     * A stub to allow clients to do asynchronous rpc calls to service EndpointDirectory.
     * <pre>
     * Edges watch every bridge for the endpoints it holds.
     * </pre>
     */
    public static class EndpointDirectoryStub extends io.grpc.stub.AbstractAsyncStub<EndpointDirectoryStub> {

        private EndpointDirectoryStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            super(channel, callOptions);
        }

        @java.lang.Override
        protected EndpointDirectoryStub build(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            return new EndpointDirectoryStub(channel, callOptions);
        }

        /**
         */
        public void watch(dev.portway.api.v1.WatchEndpointsRequest request, io.grpc.stub.StreamObserver<dev.portway.api.v1.EndpointEvent> responseObserver) {
            io.grpc.stub.ClientCalls.asyncServerStreamingCall(getChannel().newCall(getWatchMethod(), getCallOptions()), request, responseObserver);
        }
    }

    /**
     * A stub to allow clients to do synchronous rpc calls to service EndpointDirectory.
     * <pre>
     * Edges watch every bridge for the endpoints it holds.
     * </pre>
     */
    public static class EndpointDirectoryBlockingV2Stub extends io.grpc.stub.AbstractBlockingStub<EndpointDirectoryBlockingV2Stub> {

        private EndpointDirectoryBlockingV2Stub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            super(channel, callOptions);
        }

        @java.lang.Override
        protected EndpointDirectoryBlockingV2Stub build(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            return new EndpointDirectoryBlockingV2Stub(channel, callOptions);
        }

        /**
         */
        @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
        public io.grpc.stub.BlockingClientCall<?, dev.portway.api.v1.EndpointEvent> watch(dev.portway.api.v1.WatchEndpointsRequest request) {
            return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(getChannel(), getWatchMethod(), getCallOptions(), request);
        }
    }

    /**
     * A stub to allow clients to do limited synchronous rpc calls to service EndpointDirectory.
     * <pre>
     * Edges watch every bridge for the endpoints it holds.
     * </pre>
     */
    public static class EndpointDirectoryBlockingStub extends io.grpc.stub.AbstractBlockingStub<EndpointDirectoryBlockingStub> {

        private EndpointDirectoryBlockingStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            super(channel, callOptions);
        }

        @java.lang.Override
        protected EndpointDirectoryBlockingStub build(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            return new EndpointDirectoryBlockingStub(channel, callOptions);
        }

        /**
         */
        public java.util.Iterator<dev.portway.api.v1.EndpointEvent> watch(dev.portway.api.v1.WatchEndpointsRequest request) {
            return io.grpc.stub.ClientCalls.blockingServerStreamingCall(getChannel(), getWatchMethod(), getCallOptions(), request);
        }
    }

    /**
     * A stub to allow clients to do ListenableFuture-style rpc calls to service EndpointDirectory.
     * <pre>
     * Edges watch every bridge for the endpoints it holds.
     * </pre>
     */
    public static class EndpointDirectoryFutureStub extends io.grpc.stub.AbstractFutureStub<EndpointDirectoryFutureStub> {

        private EndpointDirectoryFutureStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            super(channel, callOptions);
        }

        @java.lang.Override
        protected EndpointDirectoryFutureStub build(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            return new EndpointDirectoryFutureStub(channel, callOptions);
        }
    }

    private static final int METHODID_WATCH = 0;

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
                case METHODID_WATCH:
                    serviceImpl.watch((dev.portway.api.v1.WatchEndpointsRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.EndpointEvent>) responseObserver);
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
        return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor()).addMethod(getWatchMethod(), io.grpc.stub.ServerCalls.asyncServerStreamingCall(new MethodHandlers<dev.portway.api.v1.WatchEndpointsRequest, dev.portway.api.v1.EndpointEvent>(service, METHODID_WATCH))).build();
    }

    private static abstract class EndpointDirectoryBaseDescriptorSupplier implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {

        EndpointDirectoryBaseDescriptorSupplier() {
        }

        @java.lang.Override
        public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
            return dev.portway.api.v1.BridgeProto.getDescriptor();
        }

        @java.lang.Override
        public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
            return getFileDescriptor().findServiceByName("EndpointDirectory");
        }
    }

    private static final class EndpointDirectoryFileDescriptorSupplier extends EndpointDirectoryBaseDescriptorSupplier {

        EndpointDirectoryFileDescriptorSupplier() {
        }
    }

    private static final class EndpointDirectoryMethodDescriptorSupplier extends EndpointDirectoryBaseDescriptorSupplier implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {

        private final java.lang.String methodName;

        EndpointDirectoryMethodDescriptorSupplier(java.lang.String methodName) {
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
            synchronized (EndpointDirectoryGrpc.class) {
                result = serviceDescriptor;
                if (result == null) {
                    serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME).setSchemaDescriptor(new EndpointDirectoryFileDescriptorSupplier()).addMethod(getWatchMethod()).build();
                }
            }
        }
        return result;
    }
}
