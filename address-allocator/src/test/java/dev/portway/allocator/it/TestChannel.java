package dev.portway.allocator.it;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.quarkus.arc.Arc;
import io.quarkus.grpc.runtime.GrpcServer;
import io.quarkus.value.registry.ValueRegistry;

import java.util.concurrent.TimeUnit;

/**
 * A plain gRPC channel to the app under test. The server listens on a random port
 * ({@code quarkus.grpc.server.test-port=0}) and binds asynchronously, so we wait until it reports the
 * port it got. ({@code @GrpcClient} sometimes read the port before the bind and dialled port 0.)
 */
final class TestChannel {

    private TestChannel() {
    }

    static ManagedChannel open() {
        ValueRegistry registry = Arc.container().instance(ValueRegistry.class).get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            GrpcServer server = registry.get(GrpcServer.GRPC_SERVER);
            if (server != null && server.getPort() > 0) {
                return ManagedChannelBuilder.forAddress("localhost", server.getPort()).usePlaintext().build();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the gRPC server did not report its port within 30s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
