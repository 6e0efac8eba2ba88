package dev.portway.api.v1;

import static dev.portway.api.v1.AgentSessionServiceGrpc.getServiceDescriptor;
import static io.grpc.stub.ServerCalls.asyncUnaryCall;
import static io.grpc.stub.ServerCalls.asyncServerStreamingCall;
import static io.grpc.stub.ServerCalls.asyncClientStreamingCall;
import static io.grpc.stub.ServerCalls.asyncBidiStreamingCall;

@jakarta.annotation.Generated(value = "by Mutiny Grpc generator", comments = "Source: portway/v1/bridge.proto")
public final class MutinyAgentSessionServiceGrpc implements io.quarkus.grpc.MutinyGrpc {

    private MutinyAgentSessionServiceGrpc() {
    }

    public static MutinyAgentSessionServiceStub newMutinyStub(io.grpc.Channel channel) {
        return new MutinyAgentSessionServiceStub(channel);
    }

    /**
     * <pre>
     *  An agent keeps one session open to one bridge. The first message must be `hello`;
     *  a bad authtoken ends the call with UNAUTHENTICATED. Heartbeats flow both ways; a side
     *  that hears nothing for the heartbeat timeout ends the session.
     * </pre>
     */
    public static class MutinyAgentSessionServiceStub extends io.grpc.stub.AbstractStub<MutinyAgentSessionServiceStub> implements io.quarkus.grpc.MutinyStub {

        private AgentSessionServiceGrpc.AgentSessionServiceStub delegateStub;

        private MutinyAgentSessionServiceStub(io.grpc.Channel channel) {
            super(channel);
            delegateStub = AgentSessionServiceGrpc.newStub(channel);
        }

        private MutinyAgentSessionServiceStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            super(channel, callOptions);
            delegateStub = AgentSessionServiceGrpc.newStub(channel).build(channel, callOptions);
        }

        @Override
        protected MutinyAgentSessionServiceStub build(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            return new MutinyAgentSessionServiceStub(channel, callOptions);
        }

        public io.smallrye.mutiny.Multi<dev.portway.api.v1.BridgeMessage> connect(io.smallrye.mutiny.Multi<dev.portway.api.v1.AgentMessage> request) {
            return io.quarkus.grpc.stubs.ClientCalls.manyToMany(request, delegateStub::connect);
        }
    }

    /**
     * <pre>
     *  An agent keeps one session open to one bridge. The first message must be `hello`;
     *  a bad authtoken ends the call with UNAUTHENTICATED. Heartbeats flow both ways; a side
     *  that hears nothing for the heartbeat timeout ends the session.
     * </pre>
     */
    public static abstract class AgentSessionServiceImplBase implements io.grpc.BindableService {

        private String compression;

        /**
         * Set whether the server will try to use a compressed response.
         *
         * @param compression the compression, e.g {@code gzip}
         */
        public AgentSessionServiceImplBase withCompression(String compression) {
            this.compression = compression;
            return this;
        }

        public io.smallrye.mutiny.Multi<dev.portway.api.v1.BridgeMessage> connect(io.smallrye.mutiny.Multi<dev.portway.api.v1.AgentMessage> request) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }

        @java.lang.Override
        public io.grpc.ServerServiceDefinition bindService() {
            return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor()).addMethod(dev.portway.api.v1.AgentSessionServiceGrpc.getConnectMethod(), asyncBidiStreamingCall(new MethodHandlers<dev.portway.api.v1.AgentMessage, dev.portway.api.v1.BridgeMessage>(this, METHODID_CONNECT, compression))).build();
        }
    }

    private static final int METHODID_CONNECT = 0;

    private static final class MethodHandlers<Req, Resp> implements io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>, io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>, io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>, io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {

        private final AgentSessionServiceImplBase serviceImpl;

        private final int methodId;

        private final String compression;

        MethodHandlers(AgentSessionServiceImplBase serviceImpl, int methodId, String compression) {
            this.serviceImpl = serviceImpl;
            this.methodId = methodId;
            this.compression = compression;
        }

        @java.lang.Override
        @java.lang.SuppressWarnings("unchecked")
        public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
            switch(methodId) {
                default:
                    throw new java.lang.AssertionError();
            }
        }

        @java.lang.Override
        @java.lang.SuppressWarnings("unchecked")
        public io.grpc.stub.StreamObserver<Req> invoke(io.grpc.stub.StreamObserver<Resp> responseObserver) {
            switch(methodId) {
                case METHODID_CONNECT:
                    return (io.grpc.stub.StreamObserver<Req>) io.quarkus.grpc.stubs.ServerCalls.manyToMany((io.grpc.stub.StreamObserver<dev.portway.api.v1.BridgeMessage>) responseObserver, serviceImpl::connect);
                default:
                    throw new java.lang.AssertionError();
            }
        }
    }
}
