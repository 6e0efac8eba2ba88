package dev.portway.auth;

import io.grpc.Context;
import io.grpc.Status;

/**
 * Who is calling, as established by {@link AuthInterceptor}.
 *
 * @param account the account of a user authtoken; null for the service token
 */
public record Caller(String account, boolean service) {

    static final Context.Key<Caller> KEY = Context.key("portway-caller");

    public static Caller serviceToken() {
        return new Caller(null, true);
    }

    public static Caller ofAccount(String account) {
        return new Caller(account, false);
    }

    /**
     * The caller of the current gRPC call. Read it in the service method itself (where the interceptor's
     * context is attached), before handing work to another thread.
     */
    public static Caller current() {
        Caller caller = KEY.get();
        if (caller == null) {
            throw Status.UNAUTHENTICATED.withDescription("no authenticated caller").asRuntimeException();
        }
        return caller;
    }

    @Override
    public String toString() {
        return service ? "service" : "account " + account;
    }
}
