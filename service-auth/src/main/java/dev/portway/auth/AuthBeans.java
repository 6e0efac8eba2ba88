package dev.portway.auth;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Produces the token registry that {@link AuthInterceptor} checks every call against, from {@link AuthConfig}. */
@Dependent
public class AuthBeans {

    @Produces
    @Singleton
    TokenRegistry tokens(AuthConfig config) {
        return new TokenRegistry(config);
    }
}
