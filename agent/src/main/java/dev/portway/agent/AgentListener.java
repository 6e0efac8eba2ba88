package dev.portway.agent;

import java.time.Duration;

/**
 * What happens to the agent's session and endpoints. Every method is called on the agent's own
 * thread, one at a time, in order: it must return quickly and must not block (in particular not on
 * {@link PortwayAgent#close()}, which then runs in the background). Exceptions are logged and
 * ignored.
 */
public interface AgentListener {

    /** A session was accepted (the first one, or after a reconnect). */
    default void onConnected(SessionInfo session) {}

    /** An endpoint was bound: the first time, or again after a reconnect. */
    default void onBound(BoundEndpoint endpoint) {}

    /**
     * An endpoint came back under another URL: its ephemeral address had been released while the
     * agent was away, so it got a new one.
     */
    default void onUrlChanged(BoundEndpoint endpoint, String previousUrl) {}

    /** The bridge refused to bind an endpoint again after a reconnect, for good: it is dropped. */
    default void onEndpointLost(String url, BindException cause) {}

    /** An accepted session ended; the agent reconnects by itself. */
    default void onDisconnected(String reason) {}

    /**
     * The agent will try to connect again after {@code delay}.
     *
     * @param attempt 1 for the first retry since the last healthy session
     * @param reason why the last session or attempt ended
     */
    default void onReconnecting(int attempt, Duration delay, String reason) {}

    /** The agent stopped for good (e.g. {@link AuthtokenRefusedException}); only close() is left. */
    default void onFatal(PortwayException cause) {}
}
