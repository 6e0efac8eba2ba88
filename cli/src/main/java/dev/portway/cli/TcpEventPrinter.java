package dev.portway.cli;

import dev.portway.agent.AgentListener;
import dev.portway.agent.BindException;
import dev.portway.agent.BoundEndpoint;
import dev.portway.agent.PortwayException;
import dev.portway.agent.SessionInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * What {@code portway tcp} prints: the endpoint's URL on stdout (one {@code url:} line when bound,
 * another if it changes), everything else on stderr. A fatal error completes {@code exit} with 1.
 */
final class TcpEventPrinter implements AgentListener {

    private final PrintWriter out;
    private final PrintWriter err;
    private final CompletableFuture<Integer> exit;
    private volatile String currentUrl;
    private boolean connectedBefore;
    private boolean disconnected;

    TcpEventPrinter(PrintWriter out, PrintWriter err, CompletableFuture<Integer> exit) {
        this.out = out;
        this.err = err;
        this.exit = exit;
    }

    String currentUrl() {
        return currentUrl;
    }

    /** The first bind succeeded: the one line scripts wait for. */
    void firstBound(BoundEndpoint endpoint) {
        currentUrl = endpoint.url();
        out.println("url: " + endpoint.url());
        out.flush();
    }

    /** Prints {@code error: ...} and ends the command with 1, unless it is already ending. */
    synchronized void fail(String message) {
        if (exit.isDone()) {
            return;
        }
        err.println("error: " + message);
        err.flush();
        exit.complete(Cli.FAILED);
    }

    @Override
    public void onConnected(SessionInfo session) {
        if (connectedBefore) {
            note("reconnected to bridge " + session.bridgeId() + " (session " + session.sessionId() + ")");
        }
        connectedBefore = true;
    }

    @Override
    public void onBound(BoundEndpoint endpoint) {
        if (disconnected) {
            disconnected = false;
            note("bound again: " + endpoint.url());
        }
    }

    @Override
    public void onUrlChanged(BoundEndpoint endpoint, String previousUrl) {
        currentUrl = endpoint.url();
        note("url changed: " + previousUrl + " is gone, now " + endpoint.url());
        out.println("url: " + endpoint.url());
        out.flush();
    }

    @Override
    public void onEndpointLost(String url, BindException cause) {
        fail("could not bind " + url + " again: " + cause.getMessage());
    }

    @Override
    public void onDisconnected(String reason) {
        disconnected = true;
        note("disconnected: " + reason);
    }

    @Override
    public void onReconnecting(int attempt, Duration delay, String reason) {
        note(String.format(Locale.ROOT, "reconnecting in %.1f s (attempt %d): %s", delay.toMillis() / 1000.0,
                attempt, reason));
    }

    @Override
    public void onFatal(PortwayException cause) {
        fail(cause.getMessage());
    }

    private void note(String line) {
        err.println(line);
        err.flush();
    }
}
