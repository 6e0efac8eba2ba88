package dev.portway.bridge.auth;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;

/** Lets only holders of the service token (edges) call the service it is registered on. */
@ApplicationScoped
public class ServiceTokenInterceptor implements ServerInterceptor {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final Authtokens authtokens;

    public ServiceTokenInterceptor(Authtokens authtokens) {
        this.authtokens = authtokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String header = headers.get(AUTHORIZATION);
        String token = header != null && header.startsWith(BEARER) ? header.substring(BEARER.length()) : null;
        if (!authtokens.isServiceToken(token)) {
            call.close(Status.UNAUTHENTICATED.withDescription(
                    "this call needs the service token (portway.auth.service-token) as 'authorization: Bearer <token>'"),
                    new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }
}
