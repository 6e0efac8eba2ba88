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
