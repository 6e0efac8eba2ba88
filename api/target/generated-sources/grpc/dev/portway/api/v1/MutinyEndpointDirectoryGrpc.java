package dev.portway.api.v1;

import static dev.portway.api.v1.EndpointDirectoryGrpc.getServiceDescriptor;
import static io.grpc.stub.ServerCalls.asyncUnaryCall;
import static io.grpc.stub.ServerCalls.asyncServerStreamingCall;
import static io.grpc.stub.ServerCalls.asyncClientStreamingCall;
import static io.grpc.stub.ServerCalls.asyncBidiStreamingCall;

@jakarta.annotation.Generated(value = "by Mutiny Grpc generator", comments = "Source: portway/v1/bridge.proto")
public final class MutinyEndpointDirectoryGrpc implements io.quarkus.grpc.MutinyGrpc {

    private MutinyEndpointDirectoryGrpc() {
    }

    public static MutinyEndpointDirectoryStub newMutinyStub(io.grpc.Channel channel) {
        return new MutinyEndpointDirectoryStub(channel);
    }

    /**
     * <pre>
     *  Edges watch every bridge for the endpoints it holds.
     * </pre>
     */
    public static class MutinyEndpointDirectoryStub extends io.grpc.stub.AbstractStub<MutinyEndpointDirectoryStub> implements io.quarkus.grpc.MutinyStub {

        private EndpointDirectoryGrpc.EndpointDirectoryStub delegateStub;

        private MutinyEndpointDirectoryStub(io.grpc.Channel channel) {
            super(channel);
            delegateStub = EndpointDirectoryGrpc.newStub(channel);
        }

        private MutinyEndpointDirectoryStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            super(channel, callOptions);
            delegateStub = EndpointDirectoryGrpc.newStub(channel).build(channel, callOptions);
        }

        @Override
        protected MutinyEndpointDirectoryStub build(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
            return new MutinyEndpointDirectoryStub(channel, callOptions);
        }

        public io.smallrye.mutiny.Multi<dev.portway.api.v1.EndpointEvent> watch(dev.portway.api.v1.WatchEndpointsRequest request) {
            return io.quarkus.grpc.stubs.ClientCalls.oneToMany(request, delegateStub::watch);
        }
    }

    /**
     * <pre>
     *  Edges watch every bridge for the endpoints it holds.
     * </pre>
     */
    public static abstract class EndpointDirectoryImplBase implements io.grpc.BindableService {

        private String compression;

        /**
         * Set whether the server will try to use a compressed response.
         *
         * @param compression the compression, e.g {@code gzip}
         */
        public EndpointDirectoryImplBase withCompression(String compression) {
            this.compression = compression;
            return this;
        }

        public io.smallrye.mutiny.Multi<dev.portway.api.v1.EndpointEvent> watch(dev.portway.api.v1.WatchEndpointsRequest request) {
            throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNIMPLEMENTED);
        }

        @java.lang.Override
        public io.grpc.ServerServiceDefinition bindService() {
            return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor()).addMethod(dev.portway.api.v1.EndpointDirectoryGrpc.getWatchMethod(), asyncServerStreamingCall(new MethodHandlers<dev.portway.api.v1.WatchEndpointsRequest, dev.portway.api.v1.EndpointEvent>(this, METHODID_WATCH, compression))).build();
        }
    }

    private static final int METHODID_WATCH = 0;

    private static final class MethodHandlers<Req, Resp> implements io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>, io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>, io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>, io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {

        private final EndpointDirectoryImplBase serviceImpl;

        private final int methodId;

        private final String compression;

        MethodHandlers(EndpointDirectoryImplBase serviceImpl, int methodId, String compression) {
            this.serviceImpl = serviceImpl;
            this.methodId = methodId;
            this.compression = compression;
        }

        @java.lang.Override
        @java.lang.SuppressWarnings("unchecked")
        public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
            switch(methodId) {
                case METHODID_WATCH:
                    io.quarkus.grpc.stubs.ServerCalls.oneToMany((dev.portway.api.v1.WatchEndpointsRequest) request, (io.grpc.stub.StreamObserver<dev.portway.api.v1.EndpointEvent>) responseObserver, compression, serviceImpl::watch);
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
