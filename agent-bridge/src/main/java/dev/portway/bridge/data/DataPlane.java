package dev.portway.bridge.data;

import dev.portway.api.v1.AgentAccept;
import dev.portway.api.v1.EdgeOpen;
import dev.portway.api.v1.Endpoint;
import dev.portway.api.v1.OpenConnection;
import dev.portway.bridge.Ids;
import dev.portway.bridge.auth.Authtokens;
import dev.portway.bridge.config.BridgeConfig;
import dev.portway.bridge.endpoint.EndpointRegistry;
import dev.portway.bridge.session.AgentSession;
import dev.portway.bridge.session.SessionRegistry;
import dev.portway.relay.HoldingHandler;
import dev.portway.relay.PreambleDecoder;
import dev.portway.relay.Splice;
import dev.portway.relay.Transport;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The bridge's data listener. An edge opens a connection per client with an {@code EdgeOpen}
 * preamble; the bridge asks the agent holding the endpoint to dial back; the agent's connection
 * arrives with an {@code AgentAccept} preamble carrying the connection's one-time token; the two
 * are spliced. Connections are tracked by session and endpoint so they end when either does.
 */
@ApplicationScoped
public class DataPlane {

    private static final Logger LOG = Logger.getLogger(DataPlane.class);
    private static final long PREAMBLE_TIMEOUT_MILLIS = 10_000;

    private final BridgeConfig config;
    private final Authtokens authtokens;
    private final EndpointRegistry endpoints;
    private final SessionRegistry sessions;
    private final DataMetrics metrics;
    private final Map<String, PendingConnection> pending = new ConcurrentHashMap<>();
    /** Spliced connections by the endpoint they serve. */
    private final Map<String, Set<Splice>> splicesByEndpoint = new ConcurrentHashMap<>();
    /** Which session each endpoint with connections belongs to. */
    private final Map<String, String> sessionOfEndpoint = new ConcurrentHashMap<>();
    private Transport transport;
    private Channel listener;
    private volatile String advertisedAddress;

    public DataPlane(BridgeConfig config, Authtokens authtokens, EndpointRegistry endpoints,
            SessionRegistry sessions, MeterRegistry meters) {
        this.config = config;
        this.authtokens = authtokens;
        this.endpoints = endpoints;
        this.sessions = sessions;
        this.metrics = new DataMetrics(meters, pending);
    }

    void start(@Observes StartupEvent event) {
        transport = Transport.create("bridge-io", config.ioThreads());
        InetSocketAddress bindTo = new InetSocketAddress(config.dataBindAddress(), config.dataPort());
        listener = transport.bind(bindTo, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                HoldingHandler holding = new HoldingHandler();
                ch.pipeline()
                        .addLast("preamble", new PreambleDecoder(PREAMBLE_TIMEOUT_MILLIS))
                        .addLast("hold", holding)
                        .addLast("route", new DataConnectionHandler(DataPlane.this, holding));
            }
        }, false).syncUninterruptibly().channel();
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        advertisedAddress = config.dataAdvertisedHost().contains(":")
                ? config.dataAdvertisedHost()
                : config.dataAdvertisedHost() + ":" + port;
        LOG.infof("data listener on %s (advertised as %s, %s)", listener.localAddress(), advertisedAddress,
                transport.isEpoll() ? "epoll" : "nio");
    }

    void stop(@Observes ShutdownEvent event) {
        if (listener != null) {
            listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        if (transport != null) {
            transport.close();
        }
    }

    /** host:port where edges and agents dial data connections. */
    public String advertisedAddress() {
        return advertisedAddress;
    }

    void edgeOpened(Channel edge, HoldingHandler holding, EdgeOpen open) {
        if (!authtokens.isServiceToken(open.getServiceToken())) {
            LOG.warnf("data connection from %s refused: bad service token", edge.remoteAddress());
            refuse(edge, holding);
            return;
        }
        Optional<Endpoint> endpoint = endpoints.get(open.getEndpointId());
        Optional<AgentSession> session = endpoint.flatMap(e -> sessions.get(e.getSessionId()));
        if (session.isEmpty()) {
            LOG.debugf("endpoint %s is not online here; closing the edge's connection", open.getEndpointId());
            refuse(edge, holding);
            return;
        }
        String connectionId = Ids.random("conn");
        PendingConnection waiting = new PendingConnection(connectionId, Ids.secret(), endpoint.get(), edge, holding,
                edge.eventLoop().schedule(() -> agentTooSlow(connectionId),
                        config.agentDialTimeout().toMillis(), TimeUnit.MILLISECONDS));
        pending.put(connectionId, waiting);
        edge.closeFuture().addListener(f -> abandon(connectionId));
        session.get().openConnection(OpenConnection.newBuilder()
                .setConnectionId(connectionId)
                .setEndpointId(endpoint.get().getId())
                .setToken(waiting.token())
                .setClientAddress(open.getClientAddress())
                .setServerAddress(open.getServerAddress())
                .build());
    }

    void agentAccepted(Channel agent, HoldingHandler agentHolding, AgentAccept accept) {
        PendingConnection waiting = pending.get(accept.getConnectionId());
        if (waiting == null || !sameToken(waiting.token(), accept.getToken())
                || !pending.remove(accept.getConnectionId(), waiting)) {
            LOG.debugf("agent data connection for unknown connection %s closed", accept.getConnectionId());
            refuse(agent, agentHolding);
            return;
        }
        waiting.timeout().cancel(false);
        // Both channels still have their HoldingHandler: join takes over what each holds (bytes
        // behind the preambles, a server-first upstream's greeting, an early FIN) on its own loop.
        Splice splice = Splice.join(waiting.edgeChannel(), agent, metrics.observer(waiting.endpoint()));
        track(waiting.endpoint(), splice);
    }

    /** The agent could not serve the connection (e.g. its upstream refused): close the edge's side. */
    public void connectionFailed(String sessionId, String connectionId, String reason) {
        PendingConnection waiting = pending.remove(connectionId);
        if (waiting == null || !waiting.endpoint().getSessionId().equals(sessionId)) {
            return;
        }
        LOG.debugf("connection %s to %s failed at the agent: %s", connectionId, waiting.endpoint().getUrl(), reason);
        metrics.failed();
        close(waiting);
    }

    /** Closes every connection, waiting or spliced, of an agent session that ended. */
    public void abortSession(String sessionId) {
        pending.values().removeIf(p -> {
            if (p.endpoint().getSessionId().equals(sessionId)) {
                close(p);
                return true;
            }
            return false;
        });
        sessionOfEndpoint.forEach((endpointId, owner) -> {
            if (owner.equals(sessionId)) {
                abortEndpoint(endpointId);
            }
        });
    }

    /** Closes every spliced connection of an endpoint that went offline. */
    public void abortEndpoint(String endpointId) {
        Set<Splice> splices = splicesByEndpoint.remove(endpointId);
        sessionOfEndpoint.remove(endpointId);
        if (splices != null) {
            splices.forEach(s -> s.abort(null));
        }
    }

    private void track(Endpoint endpoint, Splice splice) {
        sessionOfEndpoint.put(endpoint.getId(), endpoint.getSessionId());
        Set<Splice> set = splicesByEndpoint.computeIfAbsent(endpoint.getId(), id -> ConcurrentHashMap.newKeySet());
        set.add(splice);
        splice.a().closeFuture().addListener(f -> set.remove(splice));
        if (sessions.get(endpoint.getSessionId()).isEmpty()) {
            // The session ended while this connection was being spliced.
            splice.abort(null);
        }
    }

    private void agentTooSlow(String connectionId) {
        PendingConnection waiting = pending.remove(connectionId);
        if (waiting != null) {
            LOG.warnf("agent for %s did not dial back within %s; closing connection %s",
                    waiting.endpoint().getUrl(), config.agentDialTimeout(), connectionId);
            metrics.failed();
            close(waiting);
        }
    }

    private void abandon(String connectionId) {
        PendingConnection waiting = pending.remove(connectionId);
        if (waiting != null) {
            waiting.timeout().cancel(false);
        }
    }

    private static void close(PendingConnection waiting) {
        waiting.timeout().cancel(false);
        waiting.edgeChannel().eventLoop().execute(() -> refuse(waiting.edgeChannel(), waiting.edgeHolding()));
    }

    private static void refuse(Channel channel, HoldingHandler holding) {
        holding.discard();
        channel.close();
    }

    private static boolean sameToken(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
