package dev.portway.allocator.it;

import dev.portway.api.v1.AddressServiceGrpc;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.function.Executable;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Stubs that present a given token, the way the CLI, bridges and edges do. */
final class GrpcClients {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private GrpcClients() {
    }

    /**
     * Quarkus points an unconfigured client at the gRPC server's port, or at port 0 when no gRPC server
     * was built into the app (e.g. the service class was not found while building). Say so plainly
     * instead of failing every test with "connection refused".
     */
    static void assertServerRunning(Channel channel) {
        if (channel.authority().endsWith(":0")) {
            throw new AssertionError("no gRPC server in the app under test (client targets " + channel.authority()
                    + "): check that 'grpc-server' is among the installed features in the log");
        }
    }

    static AddressServiceGrpc.AddressServiceBlockingStub blocking(Channel channel, String authorization) {
        AddressServiceGrpc.AddressServiceBlockingStub stub = AddressServiceGrpc.newBlockingStub(channel);
        if (authorization != null) {
            stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(authorization)));
        }
        return stub.withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    static AddressServiceGrpc.AddressServiceStub async(Channel channel, String token) {
        return AddressServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers("Bearer " + token)));
    }

    private static Metadata headers(String authorization) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, authorization);
        return headers;
    }

    /** Asserts the call fails with the code, and returns the status description for further checks. */
    static String failsWith(io.grpc.Status.Code code, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        return e.getStatus().getDescription();
    }
}
