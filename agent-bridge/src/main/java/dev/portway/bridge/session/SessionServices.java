package dev.portway.bridge.session;

import dev.portway.bridge.BridgeIdentity;
import dev.portway.bridge.auth.Authtokens;
import dev.portway.bridge.config.BridgeConfig;
import dev.portway.bridge.endpoint.EndpointBinder;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;

/** What every agent session needs from the bridge, gathered so a session stays a plain object. */
@Singleton
public record SessionServices(
        BridgeConfig config,
        BridgeIdentity identity,
        Authtokens authtokens,
        EndpointBinder binder,
        SessionRegistry sessions,
        Vertx vertx) {}
