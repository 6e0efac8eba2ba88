package dev.portway.api.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * An agent keeps one session open to one bridge. The first message must be `hello`;
 * a bad authtoken ends the call with UNAUTHENTICATED. Heartbeats flow both ways; a side
 * that hears nothing for the heartbeat timeout ends the session.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class AgentSessionServiceGrpc {

    private AgentSessionServiceGrpc() {
    }

    public static final java.lang.String SERVICE_NAME = "portway.v1.AgentSessionService";

    // Static method descriptors that strictly reflect the proto.
    private static volatile io.grpc.MethodDescriptor<dev.portway.api.v1.AgentMessage, dev.portway.api.v1.BridgeMessage> getConnectMethod;

    @io.grpc.stub.annotations.RpcMethod(fullMethodName = SERVICE_NAME + '/' + "Connect", requestType = dev.portway.api.v1.AgentMessage.class, responseType = dev.portway.api.v1.BridgeMessage.class, methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
    public static io.grpc.MethodDescriptor<dev.portway.api.v1.AgentMessage, dev.portway.api.v1.BridgeMessage> getConnectMethod() {
        io.grpc.MethodDescriptor<dev.portway.api.v1.AgentMessage, dev.portway.api.v1.BridgeMessage> getConnectMethod;
        if ((getConnectMethod = AgentSessionServiceGrpc.getConnectMethod) == null) {
            synchronized (AgentSessionServiceGrpc.class) {
                if ((getConnectMethod = AgentSessionServiceGrpc.getConnectMethod) == null) {
                    AgentSessionServiceGrpc.getConnectMethod = getConnectMethod = io.grpc.MethodDescriptor.<dev.portway.api.v1.AgentMessage, dev.portway.api.v1.BridgeMessage>newBuilder().setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING).setFullMethodName(generateFullMethodName(SERVICE_NAME, "Connect")).setSampledToLocalTracing(true).setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.AgentMessage.getDefaultInstance())).setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(dev.portway.api.v1.BridgeMessage.getDefaultInstance())).setSchemaDescriptor(new AgentSessionServiceMethodDescriptorSupplier("Connect")).build();
                }
            }
        }
        return getConnectMethod;
    }

    /**
     * Creates a new async stub that supports all call types for the service
     */
    public static AgentSessionServiceStub newStub(io.grpc.Channel channel) {
        io.grpc.stub.AbstractStub.StubFactory<AgentSessionServiceStub> factory = new io.grpc.stub.AbstractStub.StubFactory<AgentSessionServiceStub>() {

            @java.lang.Override
            public AgentSessionServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
                return new AgentSessionServiceStub(channel, callOptions);
            }
        };
        return AgentSessionServiceStub.newStub(factory, channel);
    }

    /**
     * Creates a new blocking-style stub that supports all types of calls on the service
     */
    public static AgentSessionServiceBlockingV2Stub newBlockingV2Stub(io.grpc.Channel channel) {
        io.grpc.stub.AbstractStub.StubFactory<AgentSessionServiceBlockingV2Stub> factory = new io.grpc.stub.AbstractStub.StubFactory<AgentSessionServiceBlockingV2Stub>() {

            @java.lang.Override
            public AgentSessionServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
                return new AgentSessionServiceBlockingV2Stub(channel, callOptions);
            }
        };
        return AgentSessionServiceBlockingV2Stub.newStub(factory, channel);
    }

    /**
     * Creates a new blocking-style stub that supports unary and streaming output calls on the service
     */
    public static AgentSessionServiceBlockingStub newBlockingStub(io.grpc.Channel channel) {
        io.grpc.stub.AbstractStub.StubFactory<AgentSessionServiceBlockingStub> factory = new io.grpc.stub.AbstractStub.StubFactory<AgentSessionServiceBlockingStub>() {

            @java.lang.Override
            public AgentSessionServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
                return new AgentSessionServiceBlockingStub(channel, callOptions);
            }
        };
        return AgentSessionServiceBlockingStub.newStub(factory, channel);
    }

    /**
     * Creates a new ListenableFuture-style stub that supports unary calls on the service
     */
    public static AgentSessionServiceFutureStub newFutureStub(io.grpc.Channel channel) {
        io.grpc.stub.AbstractStub.StubFactory<AgentSessionServiceFutureStub> factory = new io.grpc.stub.AbstractStub.StubFactory<AgentSessionServiceFutureStub>() {

            @java.lang.Override
            public AgentSessionServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
                return new AgentSessionServiceFutureStub(channel, callOptions);
            }
        };
        return AgentSessionServiceFutureStub.newStub(factory, channel);
    }

    /**
     * <pre>
     * An agent keeps one session open to one bridge. The first message must be `hello`;
     * a bad authtoken ends the call with UNAUTHENTICATED. Heartbeats flow both ways; a side
     * that hears nothing for the heartbeat timeout ends the session.
     * </pre>
     */
    public interface AsyncService {

        /**
         */
        default io.grpc.stub.StreamObserver<dev.portway.api.v1.AgentMessage> connect(io.grpc.stub.StreamObserver<dev.portway.api.v1.BridgeMessage> responseObserver) {
            return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getConnectMethod(), responseObserver);
        }
    }

    /**
     * Base class for the server implementation of the service AgentSessionService.
     * <pre>
     * An agent keeps one session open to one bridge. The first message must be `hello`;
     * a bad authtoken ends the call with UNAUTHENTICATED. Heartbeats flow both ways; a side
     * that hears nothing for the heartbeat timeout ends the session.
     * </pre>
     */
    public static abstract class AgentSessionServiceImplBase implements io.grpc.BindableService, AsyncService {

        @java.lang.Override
        public io.grpc.ServerServiceDefinition bindService() {
            return AgentSessionServiceGrpc.bindService(this);
        }
    }

    /**
     * A stub to allow clients to do asynchronous rpc calls to service AgentSessionService.
     * <pre>
     * An agent keeps one session open to one bridge. The first message must be `hello`;
     * a bad authtoken ends the call with UNAUTHENTICATED. Heartbeats flow both ways; a side
     * that hears nothing for the heartbeat timeout ends the session.
     * </pre>
     */
    public static class AgentSessionServiceStub extends io.grpc.stub.AbstractAsyncStub<AgentSessionServiceStub> {

        private AgentSessionServiceStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            super(channel, callOptions);
        }

        @java.lang.Override
        protected AgentSessionServiceStub build(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            return new AgentSessionServiceStub(channel, callOptions);
        }

        /**
         */
        public io.grpc.stub.StreamObserver<dev.portway.api.v1.AgentMessage> connect(io.grpc.stub.StreamObserver<dev.portway.api.v1.BridgeMessage> responseObserver) {
            return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(getChannel().newCall(getConnectMethod(), getCallOptions()), responseObserver);
        }
    }

    /**
     * A stub to allow clients to do synchronous rpc calls to service AgentSessionService.
     * <pre>
     * An agent keeps one session open to one bridge. The first message must be `hello`;
     * a bad authtoken ends the call with UNAUTHENTICATED. Heartbeats flow both ways; a side
     * that hears nothing for the heartbeat timeout ends the session.
     * </pre>
     */
    public static class AgentSessionServiceBlockingV2Stub extends io.grpc.stub.AbstractBlockingStub<AgentSessionServiceBlockingV2Stub> {

        private AgentSessionServiceBlockingV2Stub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            super(channel, callOptions);
        }

        @java.lang.Override
        protected AgentSessionServiceBlockingV2Stub build(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            return new AgentSessionServiceBlockingV2Stub(channel, callOptions);
        }

        /**
         */
        @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
        public io.grpc.stub.BlockingClientCall<dev.portway.api.v1.AgentMessage, dev.portway.api.v1.BridgeMessage> connect() {
            return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(getChannel(), getConnectMethod(), getCallOptions());
        }
    }

    /**
     * A stub to allow clients to do limited synchronous rpc calls to service AgentSessionService.
     * <pre>
     * An agent keeps one session open to one bridge. The first message must be `hello`;
     * a bad authtoken ends the call with UNAUTHENTICATED. Heartbeats flow both ways; a side
     * that hears nothing for the heartbeat timeout ends the session.
     * </pre>
     */
    public static class AgentSessionServiceBlockingStub extends io.grpc.stub.AbstractBlockingStub<AgentSessionServiceBlockingStub> {

        private AgentSessionServiceBlockingStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            super(channel, callOptions);
        }

        @java.lang.Override
        protected AgentSessionServiceBlockingStub build(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            return new AgentSessionServiceBlockingStub(channel, callOptions);
        }
    }

    /**
     * A stub to allow clients to do ListenableFuture-style rpc calls to service AgentSessionService.
     * <pre>
     * An agent keeps one session open to one bridge. The first message must be `hello`;
     * a bad authtoken ends the call with UNAUTHENTICATED. Heartbeats flow both ways; a side
     * that hears nothing for the heartbeat timeout ends the session.
     * </pre>
     */
    public static class AgentSessionServiceFutureStub extends io.grpc.stub.AbstractFutureStub<AgentSessionServiceFutureStub> {

        private AgentSessionServiceFutureStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            super(channel, callOptions);
        }

        @java.lang.Override
        protected AgentSessionServiceFutureStub build(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            return new AgentSessionServiceFutureStub(channel, callOptions);
        }
    }

    private static final int METHODID_CONNECT = 0;

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
                default:
                    throw new AssertionError();
            }
        }

        @java.lang.Override
        @java.lang.SuppressWarnings("unchecked")
        public io.grpc.stub.StreamObserver<Req> invoke(io.grpc.stub.StreamObserver<Resp> responseObserver) {
            switch(methodId) {
                case METHODID_CONNECT:
                    return (io.grpc.stub.StreamObserver<Req>) serviceImpl.connect((io.grpc.stub.StreamObserver<dev.portway.api.v1.BridgeMessage>) responseObserver);
                default:
                    throw new AssertionError();
            }
        }
    }

    public static io.grpc.ServerServiceDefinition bindService(AsyncService service) {
        return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor()).addMethod(getConnectMethod(), io.grpc.stub.ServerCalls.asyncBidiStreamingCall(new MethodHandlers<dev.portway.api.v1.AgentMessage, dev.portway.api.v1.BridgeMessage>(service, METHODID_CONNECT))).build();
    }

    private static abstract class AgentSessionServiceBaseDescriptorSupplier implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {

        AgentSessionServiceBaseDescriptorSupplier() {
        }

        @java.lang.Override
        public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
            return dev.portway.api.v1.BridgeProto.getDescriptor();
        }

        @java.lang.Override
        public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
            return getFileDescriptor().findServiceByName("AgentSessionService");
        }
    }

    private static final class AgentSessionServiceFileDescriptorSupplier extends AgentSessionServiceBaseDescriptorSupplier {

        AgentSessionServiceFileDescriptorSupplier() {
        }
    }

    private static final class AgentSessionServiceMethodDescriptorSupplier extends AgentSessionServiceBaseDescriptorSupplier implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {

        private final java.lang.String methodName;

        AgentSessionServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
            synchronized (AgentSessionServiceGrpc.class) {
                result = serviceDescriptor;
                if (result == null) {
                    serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME).setSchemaDescriptor(new AgentSessionServiceFileDescriptorSupplier()).addMethod(getConnectMethod()).build();
                }
            }
        }
        return result;
    }
}
