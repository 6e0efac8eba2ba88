package dev.portway.policyengine.it;

import dev.portway.api.v1.PolicyServiceGrpc;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.function.Executable;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Stubs that present a given token, the way the CLI, edges and the operator do. */
final class GrpcClients {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private GrpcClients() {
    }

    /** Quarkus points an unconfigured client at port 0 when no gRPC server was built into the app: say so. */
    static void assertServerRunning(Channel channel) {
        if (channel.authority().endsWith(":0")) {
            throw new AssertionError("no gRPC server in the app under test (client targets " + channel.authority()
                    + "): check that 'grpc-server' is among the installed features in the log");
        }
    }

    static PolicyServiceGrpc.PolicyServiceBlockingStub blocking(Channel channel, String token) {
        return PolicyServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers("Bearer " + token)))
                .withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    static PolicyServiceGrpc.PolicyServiceStub async(Channel channel, String token) {
        return PolicyServiceGrpc.newStub(channel)
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
