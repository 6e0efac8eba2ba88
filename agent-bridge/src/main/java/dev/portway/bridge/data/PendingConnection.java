package dev.portway.bridge.data;

import dev.portway.api.v1.Endpoint;
import dev.portway.relay.HoldingHandler;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

/** An edge's data connection waiting for the agent to dial back with {@code token}. */
record PendingConnection(
        String connectionId,
        String token,
        Endpoint endpoint,
        Channel edgeChannel,
        HoldingHandler edgeHolding,
        ScheduledFuture<?> timeout) {}
