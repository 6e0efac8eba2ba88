package dev.portway.agent;

import dev.portway.api.v1.AgentHello;
import dev.portway.api.v1.AgentMessage;
import dev.portway.api.v1.AgentSessionServiceGrpc.AgentSessionServiceStub;
import dev.portway.api.v1.BridgeMessage;
import dev.portway.api.v1.Heartbeat;
import dev.portway.api.v1.SessionAccepted;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One {@code AgentSessionService.Connect} call: sends the hello, then heartbeats once accepted, and
 * ends the call when the bridge has been silent for the heartbeat timeout (before acceptance, the
 * default timeout bounds the wait for {@code accepted}).
 *
 * <p>Confined to the agent's loop thread: gRPC callbacks are handed over to it, so the handler sees
 * one event at a time and never runs on a gRPC or Netty thread.
 */
final class BridgeSession {

    private static final Logger LOG = Logger.getLogger(BridgeSession.class);

    /** Receives the session's events on the loop thread. */
    interface Handler {
        void onAccepted(BridgeSession session, SessionInfo info);

        /** Any message but {@code accepted} and {@code heartbeat}. */
        void onMessage(BridgeSession session, BridgeMessage message);

        /** The call is over. {@code status} is the bridge's status, or null if the agent ended it. */
        void onEnded(BridgeSession session, String reason, Status status);
    }

    private final ScheduledExecutorService loop;
    private final Handler handler;
    private final String bridgeAddress;
    private final Duration defaultInterval;
    private final Duration defaultTimeout;

    private ClientCallStreamObserver<AgentMessage> requests;
    private SessionInfo info;
    private Duration timeout;
    private long lastReceivedNanos;
    private ScheduledFuture<?> heartbeats;
    private ScheduledFuture<?> watchdog;
    private boolean ended;

    private BridgeSession(ScheduledExecutorService loop, Handler handler, String bridgeAddress,
            Duration defaultInterval, Duration defaultTimeout) {
        this.loop = loop;
        this.handler = handler;
        this.bridgeAddress = bridgeAddress;
        this.defaultInterval = defaultInterval;
        this.defaultTimeout = defaultTimeout;
    }

    /** Opens the call and sends the hello. Call on the loop thread. */
    static BridgeSession open(AgentSessionServiceStub stub, ScheduledExecutorService loop, Handler handler,
            String bridgeAddress, AgentHello hello, Duration defaultInterval, Duration defaultTimeout) {
        BridgeSession session = new BridgeSession(loop, handler, bridgeAddress, defaultInterval, defaultTimeout);
        session.lastReceivedNanos = System.nanoTime();
        session.watch(defaultTimeout);
        stub.connect(session.new Responses());
        session.send(AgentMessage.newBuilder().setHello(hello).build());
        return session;
    }

    /** The accepted session, or null while waiting for {@code accepted}. */
    SessionInfo info() {
        return info;
    }

    boolean isEnded() {
        return ended;
    }

    /** Sends a message unless the call is over (then it has nowhere to go). */
    void send(AgentMessage message) {
        if (ended) {
            return;
        }
        try {
            requests.onNext(message);
        } catch (RuntimeException e) {
            // The call was closed under us; its end is on its way to the loop.
            LOG.debugf("could not send %s: %s", message.getMessageCase(), e.getMessage());
        }
    }

    /** Ends the call from the agent's side (e.g. the bridge went silent) and reports it. */
    void end(String reason) {
        if (ended) {
            return;
        }
        stop();
        requests.cancel(reason, null);
        handler.onEnded(this, reason, null);
    }

    /** Ends the call in an orderly way (the agent is closing); nothing is reported. */
    void finish() {
        if (ended) {
            return;
        }
        stop();
        try {
            requests.onCompleted();
        } catch (RuntimeException e) {
            LOG.debugf("could not half-close the session: %s", e.getMessage());
        }
    }

    private void stop() {
        ended = true;
        cancel(heartbeats);
        cancel(watchdog);
    }

    private void received(BridgeMessage message) {
        if (ended) {
            return;
        }
        lastReceivedNanos = System.nanoTime();
        switch (message.getMessageCase()) {
            case ACCEPTED -> accepted(message.getAccepted());
            case HEARTBEAT -> { } // its arrival is all that counts
            default -> handler.onMessage(this, message);
        }
    }

    private void accepted(SessionAccepted accepted) {
        if (info != null) {
            LOG.debugf("ignoring a second accepted message on session %s", info.sessionId());
            return;
        }
        Duration interval = millisOr(accepted.getHeartbeatIntervalMillis(), defaultInterval);
        Duration silence = millisOr(accepted.getHeartbeatTimeoutMillis(), defaultTimeout);
        info = new SessionInfo(accepted.getSessionId(), accepted.getAccount(), accepted.getBridgeId(),
                interval, silence);
        watch(silence);
        heartbeats = loop.scheduleAtFixedRate(this::sendHeartbeat, interval.toNanos(), interval.toNanos(),
                TimeUnit.NANOSECONDS);
        handler.onAccepted(this, info);
    }

    private void sendHeartbeat() {
        Instant now = Instant.now();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        send(AgentMessage.newBuilder()
                .setHeartbeat(Heartbeat.newBuilder().setSentAtUnixNanos(nanos))
                .build());
    }

    /** (Re)starts the silence check; it runs a few times per timeout so detection is not late by much. */
    private void watch(Duration silence) {
        cancel(watchdog);
        timeout = silence;
        long period = Math.max(silence.toNanos() / 4, TimeUnit.MILLISECONDS.toNanos(5));
        watchdog = loop.scheduleWithFixedDelay(this::checkSilence, period, period, TimeUnit.NANOSECONDS);
    }

    private void checkSilence() {
        if (ended || System.nanoTime() - lastReceivedNanos < timeout.toNanos()) {
            return;
        }
        end(info == null
                ? "the bridge at " + bridgeAddress + " did not accept the session within " + timeout.toMillis() + " ms"
                : "no message from the bridge for " + timeout.toMillis() + " ms (heartbeat timeout)");
    }

    private void closedByBridge(Status status) {
        if (ended) {
            return;
        }
        stop();
        handler.onEnded(this, describe(status), status);
    }

    private String describe(Status status) {
        if (status.isOk()) {
            return "the bridge at " + bridgeAddress + " ended the session";
        }
        StringBuilder reason = new StringBuilder(status.getCode().name());
        if (status.getDescription() != null) {
            reason.append(": ").append(status.getDescription());
        }
        if (status.getCause() != null && status.getCause().getMessage() != null) {
            reason.append(" (").append(status.getCause().getMessage()).append(')');
        }
        return reason.toString();
    }

    private void post(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // The agent is closed: nobody is left to tell.
        }
    }

    private static Duration millisOr(int millis, Duration fallback) {
        return millis != 0 ? Duration.ofMillis(Integer.toUnsignedLong(millis)) : fallback;
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** gRPC's side: hands every callback over to the loop. */
    private final class Responses implements ClientResponseObserver<AgentMessage, BridgeMessage> {
        @Override
        public void beforeStart(ClientCallStreamObserver<AgentMessage> requestStream) {
            requests = requestStream; // runs inside stub.connect(), on the loop thread
        }

        @Override
        public void onNext(BridgeMessage message) {
            post(() -> received(message));
        }

        @Override
        public void onError(Throwable error) {
            post(() -> closedByBridge(Status.fromThrowable(error)));
        }

        @Override
        public void onCompleted() {
            post(() -> closedByBridge(Status.OK));
        }
    }
}
