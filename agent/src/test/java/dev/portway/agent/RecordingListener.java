package dev.portway.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records the agent's events as lines such as "bound tcp://localhost:21234". */
final class RecordingListener implements AgentListener {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    @Override
    public void onConnected(SessionInfo session) {
        events.add("connected " + session.sessionId());
    }

    @Override
    public void onBound(BoundEndpoint endpoint) {
        events.add("bound " + endpoint.url());
    }

    @Override
    public void onUrlChanged(BoundEndpoint endpoint, String previousUrl) {
        events.add("url changed " + previousUrl + " -> " + endpoint.url());
    }

    @Override
    public void onEndpointLost(String url, BindException cause) {
        events.add("lost " + url + ": " + cause.code());
    }

    @Override
    public void onDisconnected(String reason) {
        events.add("disconnected " + reason);
    }

    @Override
    public void onReconnecting(int attempt, Duration delay, String reason) {
        events.add("reconnecting " + attempt + ": " + reason);
    }

    @Override
    public void onFatal(PortwayException cause) {
        events.add("fatal " + cause.getMessage());
    }

    /** Waits for the next event starting with {@code prefix}, skipping others; returns it. */
    String await(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestBridge.WAIT_SECONDS);
        while (true) {
            String event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("expected an event starting with '" + prefix + "'; saw " + seen);
            }
            seen.add(event);
            if (event.startsWith(prefix)) {
                return event;
            }
        }
    }

    /** Every event so far, including those not yet awaited. */
    List<String> all() {
        List<String> all = new ArrayList<>(seen);
        events.drainTo(all);
        seen.clear();
        seen.addAll(all);
        return all;
    }
}
