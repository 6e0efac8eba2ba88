package dev.portway.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates every call from its {@code authorization: Bearer <token>} metadata and makes the caller
 * available as {@link Caller#current()}. Tokens are never logged or echoed.
 */
@ApplicationScoped
@GlobalInterceptor
public class AuthInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "bearer ";
    /** Standard gRPC health checks (e.g. Kubernetes probes) carry no token. */
    private static final String HEALTH_SERVICE = "grpc.health.v1.Health";

    @Inject
    TokenRegistry tokens;

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        if (HEALTH_SERVICE.equals(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        String header = headers.get(AUTHORIZATION);
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)
                || header.substring(BEARER.length()).isBlank()) {
            return refuse(call, "no authtoken was sent: pass --authtoken <token> (or set the token in your"
                    + " configuration) so that calls carry 'authorization: Bearer <token>'");
        }
        Optional<Caller> caller = tokens.authenticate(header.substring(BEARER.length()).trim());
        if (caller.isEmpty()) {
            return refuse(call, "the authtoken is not valid: check the token passed with --authtoken"
                    + " (or set in your configuration)");
        }
        return Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller.get()), call, headers, next);
    }

    private static <ReqT, RespT> ServerCall.Listener<ReqT> refuse(ServerCall<ReqT, RespT> call, String message) {
        call.close(Status.UNAUTHENTICATED.withDescription(message), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
