package dev.portway.edge;

import com.google.common.util.concurrent.ListenableFuture;
import dev.portway.api.v1.OpenRequest;
import dev.portway.api.v1.OpenResponse;

/**
 * Asks the bridge holding an endpoint to have its agent dial this edge for one client ({@code
 * ConnectionBroker.Open}). An interface so tests of the listeners can play bridge and agent
 * without gRPC.
 */
@FunctionalInterface
interface BridgeBrokers {

    /**
     * Sends {@code request} to the bridge whose gRPC API is at {@code bridgeTarget}. Does not block;
     * the future succeeds once the bridge told the agent, and fails with the gRPC status otherwise
     * ({@code NOT_FOUND}: the endpoint is not online there any more).
     */
    ListenableFuture<OpenResponse> open(String bridgeTarget, OpenRequest request);
}
