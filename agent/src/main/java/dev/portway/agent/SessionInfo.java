package dev.portway.agent;

import java.time.Duration;

/**
 * A session the bridge accepted.
 *
 * @param heartbeatInterval how often each side sends a heartbeat
 * @param heartbeatTimeout silence after which a side ends the session
 */
public record SessionInfo(
        String sessionId,
        String account,
        String bridgeId,
        Duration heartbeatInterval,
        Duration heartbeatTimeout) {}
