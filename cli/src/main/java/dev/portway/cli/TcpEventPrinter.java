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
    /** The --traffic-policy-file as given, for messages; null without one. */
    private final String policyFile;
    private volatile String currentUrl;
    private boolean connectedBefore;
    private boolean disconnected;

    TcpEventPrinter(PrintWriter out, PrintWriter err, CompletableFuture<Integer> exit, String policyFile) {
        this.out = out;
        this.err = err;
        this.exit = exit;
        this.policyFile = policyFile;
    }

    String currentUrl() {
        return currentUrl;
    }

    /** The first bind succeeded: the one line scripts wait for, then the policy's warnings on stderr. */
    void firstBound(BoundEndpoint endpoint) {
        currentUrl = endpoint.url();
        out.println("url: " + endpoint.url());
        out.flush();
        PolicyIssues.print(endpoint.policyWarnings(), "warning: " + policyPrefix(), err);
    }

    /** The first bind failed: for a refused policy, every error with its place. */
    void failBind(Throwable error) {
        if (error instanceof BindException refused && !refused.policyErrors().isEmpty()) {
            failPolicy("the bridge refused the bind", refused);
        } else {
            fail(Cli.describe(error));
        }
    }

    /**
     * {@code error: <what>: the traffic policy <file> has N errors:} then one indented line per error
     * ({@code on_tcp_connect[0].actions[1].config.allow[2]: ...}).
     */
    private synchronized void failPolicy(String what, BindException refused) {
        if (exit.isDone()) {
            return;
        }
        err.println("error: " + what + ": the traffic policy" + (policyFile == null ? "" : " " + policyFile)
                + " has " + PolicyIssues.count(refused.policyErrors().size(), "error") + " (" + refused.code()
                + "):");
        PolicyIssues.print(refused.policyErrors(), "  ", err);
        exit.complete(Cli.FAILED);
    }

    private String policyPrefix() {
        return policyFile == null ? "" : policyFile + ": ";
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
        if (!cause.policyErrors().isEmpty()) {
            failPolicy("could not bind " + url + " again", cause);
        } else {
            fail("could not bind " + url + " again: " + cause.getMessage());
        }
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
