package dev.portway.agent;

import java.time.Duration;

/**
 * A session the bridge accepted.
 *
 * @param dataAddress {@code host:port} the agent dials for data connections, as the bridge sent it
 * @param heartbeatInterval how often each side sends a heartbeat
 * @param heartbeatTimeout silence after which a side ends the session
 */
public record SessionInfo(
        String sessionId,
        String account,
        String bridgeId,
        String dataAddress,
        Duration heartbeatInterval,
        Duration heartbeatTimeout) {}
