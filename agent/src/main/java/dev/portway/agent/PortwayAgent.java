package dev.portway.agent;

import dev.portway.api.v1.AgentHello;
import dev.portway.api.v1.AgentMessage;
import dev.portway.api.v1.AgentSessionServiceGrpc;
import dev.portway.api.v1.BridgeMessage;
import dev.portway.api.v1.ConnectionFailed;
import dev.portway.api.v1.OpenConnection;
import dev.portway.relay.Transport;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A Portway agent: keeps a session to one bridge, binds endpoints on it, and carries every
 * connection to an endpoint to that endpoint's upstream.
 *
 * <pre>{@code
 * PortwayAgent agent = PortwayAgent.builder()
 *         .bridge("localhost:7200")
 *         .authtoken(token)
 *         .listener(myListener)
 *         .build();
 * agent.start();
 * BoundEndpoint endpoint = agent.bind(EndpointSpec.of("tcp://", "localhost:5432")).join();
 * ...
 * agent.close();
 * }</pre>
 *
 * <p>The session reconnects by itself (exponential backoff with full jitter) whenever it ends, except
 * when the bridge refuses the authtoken (fatal, reported through {@link #start()}, pending binds and
 * {@link AgentListener#onFatal}) or the agent is closed; every endpoint is then bound again with the
 * URL it had.
 *
 * <p>Thread-safe. All state lives on one thread of its own ("portway-agent"); gRPC and Netty threads
 * only hand events to it.
 */
public final class PortwayAgent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PortwayAgent.class);

    public static final String DEFAULT_AGENT_VERSION = "portway-agent/0.1.0";
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(10);
    /** A session that lasted this long was healthy: the next reconnect starts from the initial delay. */
    public static final Duration DEFAULT_HEALTHY_SESSION = Duration.ofSeconds(10);
    /** How long close() waits for the bridge to confirm the unbinds. */
    private static final Duration UNBIND_WAIT = Duration.ofSeconds(2);

    private enum State { NEW, CONNECTING, CONNECTED, WAITING_TO_RECONNECT, CLOSING, CLOSED, FAILED }

    private final HostPort bridge;
    private final String authtoken;
    private final String agentVersion;
    private final SafeListener listener;
    private final Duration defaultHeartbeatInterval;
    private final Duration defaultHeartbeatTimeout;
    private final Backoff backoff;
    private final Duration healthySession;
    private final Transport transport;
    private final ManagedChannel channel;
    private final AgentSessionServiceGrpc.AgentSessionServiceStub stub;
    private final ScheduledThreadPoolExecutor loop;
    private final Endpoints endpoints;
    private final ConnectionOpener opener;
    private final EdgeLinks links;
    private final CompletableFuture<SessionInfo> started = new CompletableFuture<>();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile Thread loopThread;
    private volatile SessionInfo currentSession;

    // Loop-confined.
    private State state = State.NEW;
    private BridgeSession session;
    private long acceptedAtNanos;
    private int attempt;
    private ScheduledFuture<?> reconnect;
    private PortwayException fatal;

    private PortwayAgent(Builder b) {
        this.bridge = b.bridge;
        this.authtoken = b.authtoken;
        this.agentVersion = b.agentVersion;
        this.listener = new SafeListener(b.listener);
        this.defaultHeartbeatInterval = b.heartbeatInterval;
        this.defaultHeartbeatTimeout = b.heartbeatTimeout;
        this.backoff = new Backoff(b.backoffInitial, b.backoffMax);
        this.healthySession = b.healthySession;
        this.loop = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "portway-agent");
            thread.setDaemon(true);
            loopThread = thread;
            return thread;
        });
        loop.setRemoveOnCancelPolicy(true);
        this.transport = Transport.create("portway-agent-io", b.ioThreads);
        // The gRPC channel shares the data connections' event loops: one set of threads per agent.
        this.channel = NettyChannelBuilder.forAddress(bridge.host(), bridge.port())
                .usePlaintext()
                .eventLoopGroup(transport.group())
                .channelType(transport.isEpoll() ? EpollSocketChannel.class : NioSocketChannel.class)
                // Callbacks only hand events over to the loop, so they may run on the Netty thread.
                .directExecutor()
                // Heartbeats prove liveness; keepalive keeps idle NATs and proxies from dropping the
                // connection. Servers refuse pings more often than their permit time (5 min by
                // default), but heartbeats keep the connection busy, so pings are rare.
                .keepAliveTime(60, TimeUnit.SECONDS)
                .keepAliveTimeout(20, TimeUnit.SECONDS)
                .userAgent(agentVersion)
                .build();
        this.stub = AgentSessionServiceGrpc.newStub(channel);
        this.endpoints = new Endpoints(loop, backoff, new EndpointEvents());
        this.opener = new ConnectionOpener(transport);
        this.links = new EdgeLinks(transport, endpoints);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects to the bridge. Completes with the first accepted session; until then the agent keeps
     * retrying (reporting {@link AgentListener#onReconnecting}). Fails with {@link
     * AuthtokenRefusedException} if the bridge refuses the authtoken, or with a {@link
     * PortwayException} if the agent stopped (closed, or the address is not a bridge).
     * Calling it again returns the same outcome.
     */
    public CompletableFuture<SessionInfo> start() {
        post(() -> {
            if (state == State.NEW) {
                connect();
            }
        }, started);
        return started.copy();
    }

    /**
     * Binds an endpoint: at once if the session is up, else as soon as it is. Completes with the
     * bridge's endpoint, or fails with the bridge's {@link BindException} (code, field, message), or
     * with the agent's fatal error. Once bound, the endpoint is bound again after every reconnect.
     */
    public CompletableFuture<BoundEndpoint> bind(EndpointSpec spec) {
        Objects.requireNonNull(spec, "spec");
        CompletableFuture<BoundEndpoint> bound = new CompletableFuture<>();
        post(() -> {
            switch (state) {
                case FAILED -> bound.completeExceptionally(fatal);
                case CLOSING, CLOSED -> bound.completeExceptionally(closed());
                default -> endpoints.add(spec, bound);
            }
        }, bound);
        return bound;
    }

    /**
     * Unbinds an endpoint and stops binding it again.
     *
     * @param endpointId the id of any {@link BoundEndpoint} it had (ids change with each session)
     * @return completes once the bridge confirmed (at once if no session is up: the bridge already
     *     dropped the binding); fails with {@link BindException} if the bridge refused, or {@link
     *     IllegalArgumentException} if no endpoint had that id
     */
    public CompletableFuture<Void> unbind(String endpointId) {
        Objects.requireNonNull(endpointId, "endpointId");
        CompletableFuture<Void> done = new CompletableFuture<>();
        post(() -> endpoints.unbind(endpointId).whenComplete((ok, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(null);
            }
        }), done);
        return done;
    }

    /** The endpoints bound on the current session (empty while disconnected). */
    public List<BoundEndpoint> endpoints() {
        if (Thread.currentThread() == loopThread) {
            return endpoints.bound();
        }
        try {
            return CompletableFuture.supplyAsync(endpoints::bound, loop).get(5, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException e) {
            throw new PortwayException("could not list the endpoints: " + e, e);
        }
    }

    /** The session in use, if one is accepted now. */
    public Optional<SessionInfo> session() {
        return Optional.ofNullable(currentSession);
    }

    /** {@code host:port} of the bridge. */
    public HostPort bridgeAddress() {
        return bridge;
    }

    /**
     * Unbinds every endpoint (waiting up to 2 s for the bridge to confirm), ends the session, and
     * releases the gRPC channel and the event loops. Connections in flight are cut. Idempotent.
     * Called from a listener callback, it returns at once and finishes in the background.
     */
    @Override
    public void close() {
        if (Thread.currentThread() == loopThread) {
            Thread closer = new Thread(this::close, "portway-agent-close");
            closer.setDaemon(true);
            closer.start();
            return;
        }
        CompletableFuture<Void> unbound = new CompletableFuture<>();
        post(() -> beginClose(unbound), unbound);
        try {
            unbound.get(UNBIND_WAIT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("closing without the bridge's confirmation: %s", e);
        }
        releaseResources();
    }

    // ---- loop thread from here on

    private void connect() {
        state = State.CONNECTING;
        // gRPC's own backoff would keep a fresh attempt failing fast for up to 2 min after the
        // bridge comes back; this agent paces its attempts itself.
        channel.resetConnectBackoff();
        AgentHello hello = AgentHello.newBuilder().setAuthtoken(authtoken).setAgentVersion(agentVersion).build();
        try {
            session = BridgeSession.open(stub, loop, new SessionEvents(), bridge.toString(), hello,
                    defaultHeartbeatInterval, defaultHeartbeatTimeout);
        } catch (RuntimeException e) {
            LOG.debugf(e, "could not open a session");
            scheduleReconnect("could not open a session: " + e);
        }
    }

    private void accepted(BridgeSession accepted, SessionInfo info) {
        if (state != State.CONNECTING) {
            return; // closing: the session is about to be finished
        }
        state = State.CONNECTED;
        acceptedAtNanos = System.nanoTime();
        currentSession = info;
        LOG.infof("session %s accepted by bridge %s at %s (account %s)", info.sessionId(), info.bridgeId(), bridge,
                info.account());
        listener.onConnected(info);
        started.complete(info);
        endpoints.sessionStarted(accepted);
    }

    private void ended(BridgeSession ended, String reason, Status status) {
        if (ended != session) {
            return;
        }
        session = null;
        currentSession = null;
        endpoints.sessionEnded();
        links.closeAll();
        if (state == State.CLOSING || state == State.CLOSED || state == State.FAILED) {
            return;
        }
        Status.Code code = status == null ? null : status.getCode();
        if (code == Status.Code.UNAUTHENTICATED) {
            fail(new AuthtokenRefusedException("the bridge at " + bridge + " refused the authtoken"
                    + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")")
                    + ": check the authtoken this agent is given (portway CLI: --authtoken or PORTWAY_AUTHTOKEN)"));
            return;
        }
        if (code == Status.Code.UNIMPLEMENTED) {
            fail(new PortwayException("the server at " + bridge + " is not a Portway bridge (" + reason
                    + "): check the bridge address (portway CLI: --bridge or PORTWAY_BRIDGE)"));
            return;
        }
        if (ended.info() != null) {
            LOG.infof("session %s ended: %s", ended.info().sessionId(), reason);
            listener.onDisconnected(reason);
            if (System.nanoTime() - acceptedAtNanos >= healthySession.toNanos()) {
                attempt = 0;
            }
        }
        scheduleReconnect(reason);
    }

    private void scheduleReconnect(String reason) {
        state = State.WAITING_TO_RECONNECT;
        attempt = attempt == Integer.MAX_VALUE ? attempt : attempt + 1;
        Duration delay = backoff.delay(attempt);
        LOG.infof("reconnecting to %s in %d ms (attempt %d): %s", bridge, delay.toMillis(), attempt, reason);
        listener.onReconnecting(attempt, delay, reason);
        reconnect = loop.schedule(() -> {
            reconnect = null;
            if (state == State.WAITING_TO_RECONNECT) {
                connect();
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void fail(PortwayException cause) {
        state = State.FAILED;
        fatal = cause;
        LOG.infof("agent stopped: %s", cause.getMessage());
        started.completeExceptionally(cause);
        endpoints.failAll(cause);
        listener.onFatal(cause);
    }

    private void serve(BridgeSession on, OpenConnection request) {
        Endpoints.Entry entry = endpoints.current(request.getEndpointId());
        if (entry == null) {
            String reason = "endpoint " + request.getEndpointId() + " is not bound by this agent";
            LOG.warnf("refusing connection %s: %s", request.getConnectionId(), reason);
            connectionFailed(on, request, reason);
            return;
        }
        HostPort dataAddress;
        try {
            dataAddress = HostPort.parse(request.getDataAddress(), "data_address (the edge to dial, sent by the bridge)");
        } catch (IllegalArgumentException e) {
            LOG.warnf("refusing connection %s: %s", request.getConnectionId(), e.getMessage());
            connectionFailed(on, request, e.getMessage());
            return;
        }
        Consumer<String> failed = reason -> post(() -> connectionFailed(on, request, reason), null);
        if (links.answerWithNewLink(request, dataAddress, failed)) {
            return; // the edge carries this client, and the next ones, over the new link
        }
        opener.open(request, entry.spec.upstream(), entry.current.url(), dataAddress, failed);
    }

    private void connectionFailed(BridgeSession on, OpenConnection request, String reason) {
        if (on != session) {
            return; // that session's bridge has given up on its connections already
        }
        on.send(AgentMessage.newBuilder()
                .setConnectionFailed(ConnectionFailed.newBuilder()
                        .setConnectionId(request.getConnectionId())
                        .setReason(reason))
                .build());
    }

    private void beginClose(CompletableFuture<Void> unbound) {
        if (state == State.CLOSING || state == State.CLOSED) {
            unbound.complete(null);
            return;
        }
        state = State.CLOSING;
        if (reconnect != null) {
            reconnect.cancel(false);
        }
        started.completeExceptionally(closed());
        List<CompletableFuture<Void>> unbinds = endpoints.unbindAll(closed());
        CompletableFuture.allOf(unbinds.toArray(CompletableFuture[]::new))
                .orTimeout(UNBIND_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> post(() -> {
                    if (session != null) {
                        session.finish();
                        session = null;
                    }
                    currentSession = null;
                    state = State.CLOSED;
                    unbound.complete(null);
                }, unbound));
    }

    private void releaseResources() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        channel.shutdown();
        try {
            if (!channel.awaitTermination(1, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
        transport.close();
        loop.shutdownNow();
    }

    private PortwayException closed() {
        return new PortwayException("the agent is closed");
    }

    /** Runs {@code task} on the loop; if the agent is gone, fails {@code orElse} instead. */
    private void post(Runnable task, CompletableFuture<?> orElse) {
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "unexpected error in the agent");
                    if (orElse != null) {
                        orElse.completeExceptionally(e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            if (orElse != null) {
                orElse.completeExceptionally(closed());
            }
        }
    }

    private final class SessionEvents implements BridgeSession.Handler {
        @Override
        public void onAccepted(BridgeSession on, SessionInfo info) {
            if (on == session) {
                accepted(on, info);
            }
        }

        @Override
        public void onMessage(BridgeSession on, BridgeMessage message) {
            if (on != session) {
                return;
            }
            switch (message.getMessageCase()) {
                case BIND_RESPONSE -> endpoints.onBindResponse(message.getBindResponse());
                case UNBIND_RESPONSE -> endpoints.onUnbindResponse(message.getUnbindResponse());
                case OPEN_CONNECTION -> serve(on, message.getOpenConnection());
                default -> LOG.debugf("ignoring %s from the bridge", message.getMessageCase());
            }
        }

        @Override
        public void onEnded(BridgeSession on, String reason, Status status) {
            ended(on, reason, status);
        }
    }

    private final class EndpointEvents implements Endpoints.Events {
        @Override
        public void bound(BoundEndpoint endpoint) {
            LOG.infof("bound %s -> %s (endpoint %s)", endpoint.url(), endpoint.spec().upstream(), endpoint.id());
            listener.onBound(endpoint);
        }

        @Override
        public void urlChanged(BoundEndpoint endpoint, String previousUrl) {
            LOG.infof("%s is now %s", previousUrl, endpoint.url());
            listener.onUrlChanged(endpoint, previousUrl);
        }

        @Override
        public void lost(String url, BindException cause) {
            listener.onEndpointLost(url, cause);
        }
    }

    /** Builds a {@link PortwayAgent}; {@link #bridge} and {@link #authtoken} are required. */
    public static final class Builder {
        private HostPort bridge;
        private String authtoken;
        private String agentVersion = DEFAULT_AGENT_VERSION;
        private AgentListener listener = new AgentListener() {};
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private Duration heartbeatTimeout = DEFAULT_HEARTBEAT_TIMEOUT;
        private Duration backoffInitial = DEFAULT_BACKOFF_INITIAL;
        private Duration backoffMax = DEFAULT_BACKOFF_MAX;
        private Duration healthySession = DEFAULT_HEALTHY_SESSION;
        private int ioThreads = 2;

        private Builder() {}

        /** The bridge's gRPC address, {@code host:port}. */
        public Builder bridge(String hostPort) {
            this.bridge = HostPort.parse(hostPort, "bridge");
            return this;
        }

        public Builder bridge(HostPort bridge) {
            this.bridge = Objects.requireNonNull(bridge, "bridge");
            return this;
        }

        /** The account's authtoken. Never logged. */
        public Builder authtoken(String authtoken) {
            this.authtoken = authtoken;
            return this;
        }

        /** Sent in the hello, e.g. "portway-cli/0.1.0". */
        public Builder agentVersion(String agentVersion) {
            this.agentVersion = Objects.requireNonNull(agentVersion, "agentVersion");
            return this;
        }

        public Builder listener(AgentListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Heartbeat interval and silence timeout used until the bridge sends its own (and if it sends
         * none); the timeout also bounds the wait for {@code accepted}.
         */
        public Builder heartbeat(Duration interval, Duration timeout) {
            if (interval.isNegative() || interval.isZero() || timeout.compareTo(interval) <= 0) {
                throw new IllegalArgumentException("heartbeat: expected 0 < interval < timeout, got interval "
                        + interval + ", timeout " + timeout);
            }
            this.heartbeatInterval = interval;
            this.heartbeatTimeout = timeout;
            return this;
        }

        /** Reconnect delays: a random wait up to {@code initial}, doubling per attempt up to {@code max}. */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            new Backoff(initial, max); // validates
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        /** A session that lasted this long resets the reconnect delay to its initial value. */
        public Builder healthySessionAfter(Duration healthySession) {
            this.healthySession = Objects.requireNonNull(healthySession, "healthySession");
            return this;
        }

        /** Event loop threads for the session and the data connections (default 2; 0: one per core). */
        public Builder ioThreads(int ioThreads) {
            if (ioThreads < 0) {
                throw new IllegalArgumentException("ioThreads: expected 0 or more, got " + ioThreads);
            }
            this.ioThreads = ioThreads;
            return this;
        }

        /**
         * Creates the agent (threads and channel, no connection yet: see {@link PortwayAgent#start()}).
         *
         * @throws IllegalArgumentException naming the missing or malformed setting
         */
        public PortwayAgent build() {
            if (bridge == null) {
                throw new IllegalArgumentException("bridge: missing; expected the bridge's host:port, e.g."
                        + " localhost:7200");
            }
            if (authtoken == null || authtoken.isBlank()) {
                throw new IllegalArgumentException("authtoken: missing; expected the account's authtoken");
            }
            return new PortwayAgent(this);
        }
    }
}
