package dev.portway.agent;

import java.time.Duration;
import org.jboss.logging.Logger;

/** Calls the user's listener; an exception it throws is logged so it cannot break the agent. */
final class SafeListener implements AgentListener {

    private static final Logger LOG = Logger.getLogger(SafeListener.class);

    private final AgentListener delegate;

    SafeListener(AgentListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onConnected(SessionInfo session) {
        call("onConnected", () -> delegate.onConnected(session));
    }

    @Override
    public void onBound(BoundEndpoint endpoint) {
        call("onBound", () -> delegate.onBound(endpoint));
    }

    @Override
    public void onUrlChanged(BoundEndpoint endpoint, String previousUrl) {
        call("onUrlChanged", () -> delegate.onUrlChanged(endpoint, previousUrl));
    }

    @Override
    public void onEndpointLost(String url, BindException cause) {
        call("onEndpointLost", () -> delegate.onEndpointLost(url, cause));
    }

    @Override
    public void onDisconnected(String reason) {
        call("onDisconnected", () -> delegate.onDisconnected(reason));
    }

    @Override
    public void onReconnecting(int attempt, Duration delay, String reason) {
        call("onReconnecting", () -> delegate.onReconnecting(attempt, delay, reason));
    }

    @Override
    public void onFatal(PortwayException cause) {
        call("onFatal", () -> delegate.onFatal(cause));
    }

    private static void call(String method, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "AgentListener.%s threw; ignoring it", method);
        }
    }
}
