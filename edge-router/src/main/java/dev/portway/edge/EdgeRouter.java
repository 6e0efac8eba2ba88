package dev.portway.edge;

import dev.portway.api.v1.AddressEvent;
import dev.portway.api.v1.AddressServiceGrpc;
import dev.portway.api.v1.ConnectionBrokerGrpc;
import dev.portway.api.v1.Endpoint;
import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.EndpointDirectoryGrpc;
import dev.portway.api.v1.PolicyServiceGrpc;
import dev.portway.policy.RateLimiter;
import dev.portway.relay.Transport;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The edge, wired together: watches the allocator, every bridge and the policy-engine, keeps the {@link
 * RoutingTable} up to date and lets the {@link ListenerReconciler} serve what it computes; each accepted client
 * is decided by the {@link ConnectionDecider}; the {@link AgentDataListener} takes the agents' data connections
 * that answer its clients.
 *
 * <p>Threads: one control thread owns the routing table and the listeners; Netty event loops carry
 * the bytes and drive each connection; gRPC's own threads only hand events over to the control
 * thread or to a connection's event loop. Plain Java, so tests
 * can run it without Quarkus ({@link EdgeRouterLifecycle} starts it in the application).
 */
public final class EdgeRouter implements ControlPlaneEvents, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EdgeRouter.class);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    /** Longest an Open call may take; the client's whole wait is bounded by agent-dial-timeout anyway. */
    private static final Duration OPEN_DEADLINE = Duration.ofSeconds(5);

    private final EdgeConfig config;
    private final String serviceToken;
    private final EdgeMetrics metrics;
    private final RoutingTable table;
    private final WatchReadiness readiness;
    private final HostAndPort allocator;
    private final List<HostAndPort> bridges = new ArrayList<>();
    private final HostAndPort policyEngine;
    private final EdgeEvents events;
    /** Writes the events to the log off the event loops; null when events are off or go to a test's sink. */
    private final EventLogWriter eventLog;
    private final ScheduledExecutorService control;
    private final PublishedRoutes published = new PublishedRoutes();
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final PendingConnections pending = new PendingConnections();
    private final AgentLinks links = new AgentLinks();
    private final InetSocketAddress dataBindAddress;
    private final AdvertisedDataAddress dataAdvertised;
    private final List<ManagedChannel> grpcChannels = new ArrayList<>();
    private final List<ReconnectingWatch<?, ?>> watches = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Transport transport;
    private ListenerReconciler reconciler;
    private volatile AgentDataListener agentData;
    private GrpcBridgeBrokers brokers;

    /** @throws IllegalArgumentException naming the property at fault, if the config is unusable */
    public EdgeRouter(EdgeConfig config, String serviceToken, MeterRegistry registry) {
        this(config, serviceToken, registry, null);
    }

    /** @param eventSink receives the JSON lines instead of the {@code portway.events} logger (tests); null: the logger */
    EdgeRouter(EdgeConfig config, String serviceToken, MeterRegistry registry, Consumer<String> eventSink) {
        if (serviceToken == null || serviceToken.isBlank()) {
            throw new IllegalArgumentException("portway.auth.service-token must be set: the edge presents it to the"
                    + " allocator, the bridges and the policy-engine");
        }
        HostBindings.requireIpLiteral("portway.edge.data-bind-address", config.dataBindAddress());
        if (config.dataPort() < 0 || config.dataPort() > 65535) {
            throw new IllegalArgumentException("portway.edge.data-port must be 0-65535 (0: any free port), got " + config.dataPort());
        }
        if (config.agentDialTimeout().isNegative() || config.agentDialTimeout().isZero()) {
            throw new IllegalArgumentException("portway.edge.agent-dial-timeout must be positive, got " + config.agentDialTimeout());
        }
        this.dataBindAddress = new InetSocketAddress(config.dataBindAddress().trim(), config.dataPort());
        this.dataAdvertised = AdvertisedDataAddress.parse(config.dataAdvertisedHost());
        this.config = config;
        this.serviceToken = serviceToken;
        this.metrics = new EdgeMetrics(registry);
        metrics.agentLinks(links::size);
        this.table = new RoutingTable(HostBindings.of(config.hostBindings(), config.defaultBindAddress()));
        this.allocator = HostAndPort.parse("portway.edge.allocator", config.allocator());
        List<String> names = new ArrayList<>();
        names.add(allocatorWatchName());
        for (String bridge : config.bridges()) {
            HostAndPort target = HostAndPort.parse("portway.edge.bridges", bridge);
            bridges.add(target);
            names.add(bridgeWatchName(target));
        }
        this.policyEngine = HostAndPort.parse("portway.edge.policy-engine", config.policyEngine());
        names.add(policyEngineWatchName());
        this.readiness = new WatchReadiness(names);
        boolean eventsOn = config.events().enabled();
        this.eventLog = eventSink == null && eventsOn ? EventLogWriter.toLog() : null;
        if (eventLog != null) {
            metrics.eventsDropped(eventLog);
        }
        this.events = new EdgeEvents(eventsOn, eventSink != null ? eventSink : eventLog != null ? eventLog : line -> { });
        this.control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edge-control");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        transport = Transport.create("edge-io", config.ioThreads());
        Backoff backoff = new Backoff(config.watchRetryInitial(), config.watchRetryMax(), () -> ThreadLocalRandom.current().nextDouble());
        ClientInterceptor auth = bearer(serviceToken);
        ManagedChannel allocatorChannel = grpcChannel(allocator);
        watches.add(new AllocatorWatch(allocatorWatchName(),
                AddressServiceGrpc.newStub(allocatorChannel).withInterceptors(auth), this, readiness, control, backoff));
        Map<String, ConnectionBrokerGrpc.ConnectionBrokerFutureStub> brokerStubs = new LinkedHashMap<>();
        for (HostAndPort bridge : bridges) {
            // One channel per bridge: its watch and every Open for its endpoints share the connection.
            ManagedChannel channel = grpcChannel(bridge);
            watches.add(new BridgeWatch(bridgeWatchName(bridge), bridge.toString(),
                    EndpointDirectoryGrpc.newStub(channel).withInterceptors(auth), this, readiness, control, backoff));
            brokerStubs.put(bridge.toString(), ConnectionBrokerGrpc.newFutureStub(channel).withInterceptors(auth));
        }
        watches.add(new PolicyEngineWatch(policyEngineWatchName(),
                PolicyServiceGrpc.newStub(grpcChannel(policyEngine)).withInterceptors(auth), this, readiness, control,
                backoff));

        Duration openDeadline = config.agentDialTimeout().compareTo(OPEN_DEADLINE) < 0 ? config.agentDialTimeout() : OPEN_DEADLINE;
        agentData = new AgentDataListener(transport, dataBindAddress, dataAdvertised, pending, links, control,
                config.bindRetryInterval());
        brokers = new GrpcBridgeBrokers(brokerStubs, openDeadline);
        // One rate limiter for the whole edge: buckets are keyed by policy id (per account, see PolicyCache).
        ConnectionDecider decider = new ConnectionDecider(new RateLimiter(), Clock.systemUTC(), ConnectionDecider.UNIFORM);
        ConnectionContext context = new ConnectionContext(connections, pending, links, brokers,
                agentData, published, decider, events, metrics, config.agentDialTimeout(), config.agentLinks());
        reconciler = new ListenerReconciler(transport, config.reusePort(), control,
                at -> new ClientAcceptor(at, context), published, connections, metrics);

        long retry = Math.max(100, config.bindRetryInterval().toMillis());
        control.scheduleWithFixedDelay(reconciler::retryFailed, retry, retry, TimeUnit.MILLISECONDS);
        agentData.start();
        watches.forEach(ReconnectingWatch::start);
        LOG.infof("edge started: allocator %s, bridges %s, policy-engine %s, agent data listener %s, %s transport,"
                + " SO_REUSEPORT %s", allocator, bridges, policyEngine, SocketAddresses.format(dataBindAddress),
                transport.isEpoll() ? "epoll" : "NIO",
                config.reusePort() && transport.isEpoll() ? "on" : "off");
    }

    public WatchReadiness readiness() {
        return readiness;
    }

    /** The routes the data path reads now (tests and diagnostics). */
    Routes routes() {
        return published.current();
    }

    /** "host:port" agents dial for data connections, or null while the data listener is not bound. */
    public String agentDataAddress() {
        AgentDataListener listener = agentData;
        return listener == null ? null : listener.advertisedAddress();
    }

    /** Why the data listener could not bind, or null; for readiness. */
    public String agentDataBindFailure() {
        AgentDataListener listener = agentData;
        return listener == null ? null : listener.bindFailure();
    }

    /** The local address the data listener is configured to bind (port 0: any). */
    public InetSocketAddress agentDataBindAddress() {
        return dataBindAddress;
    }

    /** Stops watching, closes every listener and connection. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watches.forEach(ReconnectingWatch::stop);
        CompletableFuture<Void> listenersClosed = CompletableFuture.runAsync(() -> {
            if (reconciler != null) {
                reconciler.closeAll();
            }
            if (agentData != null) {
                agentData.close();
            }
        }, control);
        listenersClosed.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        control.shutdownNow();
        if (brokers != null) {
            brokers.stopping();
        }
        grpcChannels.forEach(ManagedChannel::shutdownNow);
        if (transport != null) {
            transport.close();
        }
        if (eventLog != null) {
            eventLog.close(); // after the transport: the last connections' events are written too
        }
    }

    // --- control-plane events (control thread) -------------------------------------------------

    @Override
    public void addressEvent(AddressEvent event) {
        switch (event.getEventCase()) {
            case SNAPSHOT -> {
                table.replaceAddresses(event.getSnapshot().getAddressesList());
                LOG.infof("allocator snapshot at revision %d: %d address(es)", event.getRevision(), table.knownAddressCount());
            }
            case RESERVED -> table.addressReserved(event.getReserved());
            case RELEASED -> table.addressReleased(event.getReleased());
            default -> {
                return;
            }
        }
        reconcile();
    }

    @Override
    public void bridgeSnapshot(String source, String bridgeId, List<Endpoint> online) {
        table.replaceBridgeEndpoints(source, bridgeId, online);
        reconcile();
    }

    @Override
    public void endpointOnline(String source, Endpoint endpoint) {
        table.endpointOnline(source, endpoint);
        reconcile();
    }

    @Override
    public void endpointOffline(String source, Endpoint endpoint) {
        table.endpointOffline(source, endpoint);
        reconcile();
    }

    @Override
    public void bridgeLost(String source) {
        table.bridgeLost(source);
        reconcile();
    }

    @Override
    public void cloudEndpointsSnapshot(List<CloudEndpoint> cloudEndpoints) {
        boolean wasInSync = table.cloudEndpointsInSync();
        table.replaceCloudEndpoints(cloudEndpoints);
        metrics.policyEngineUp(true);
        if (!wasInSync) {
            LOG.infof("in sync with the policy-engine %s: connections are decided by their policies", policyEngine);
        }
        reconcile();
    }

    @Override
    public void cloudEndpointChanged(CloudEndpoint cloudEndpoint) {
        table.cloudEndpointChanged(cloudEndpoint);
        reconcile();
    }

    @Override
    public void cloudEndpointDeleted(CloudEndpoint cloudEndpoint) {
        table.cloudEndpointDeleted(cloudEndpoint);
        reconcile();
    }

    @Override
    public void cloudEndpointsLost() {
        if (!table.cloudEndpointsInSync()) {
            return; // still failing closed since the last loss (or since start): nothing changes
        }
        table.cloudEndpointsLost();
        metrics.policyEngineUp(false);
        LOG.warnf("lost the policy-engine %s: every new connection is closed until the edge is in sync again",
                policyEngine);
        reconcile();
    }

    private void reconcile() {
        Routes routes = table.routes();
        reconciler.apply(routes);
        links.retain(routes.liveAgentSessions());
        metrics.retainEndpoints(routes.liveUrls());
    }

    // --- wiring --------------------------------------------------------------------------------

    private ManagedChannel grpcChannel(HostAndPort target) {
        // Plaintext inside the cluster, like every other hop of the suite today. Keepalive pings notice
        // a peer that vanished without a reset (otherwise its endpoints would look online forever);
        // 6 minutes stays above grpc-java servers' default permitKeepAliveTime (5 min), which
        // answers more frequent pings with GOAWAY.
        ManagedChannel channel = NettyChannelBuilder.forAddress(target.host(), target.port())
                .usePlaintext()
                .keepAliveTime(6, TimeUnit.MINUTES)
                .keepAliveTimeout(20, TimeUnit.SECONDS)
                .build();
        grpcChannels.add(channel);
        return channel;
    }

    private static ClientInterceptor bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    private String allocatorWatchName() {
        return "allocator " + allocator;
    }

    private static String bridgeWatchName(HostAndPort bridge) {
        return "bridge " + bridge;
    }

    private String policyEngineWatchName() {
        return "policy-engine " + policyEngine;
    }
}
