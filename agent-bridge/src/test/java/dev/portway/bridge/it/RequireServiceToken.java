package dev.portway.bridge.it;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/** Lets through only calls carrying {@code authorization: Bearer <service token>}, as the real services do. */
final class RequireServiceToken {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final String expected;

    private RequireServiceToken(String serviceToken) {
        this.expected = "Bearer " + serviceToken;
    }

    // A method reference rather than a class implementing ServerInterceptor: Quarkus would take such a
    // class in the test index for an interceptor of the bridge under test, and warn that it is unused.
    static ServerInterceptor of(String serviceToken) {
        return new RequireServiceToken(serviceToken)::intercept;
    }

    private <Q, R> ServerCall.Listener<Q> intercept(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (!expected.equals(headers.get(AUTHORIZATION))) {
            call.close(Status.UNAUTHENTICATED.withDescription("service token expected"), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }
}
