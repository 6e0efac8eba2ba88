package dev.portway.edge;

import dev.portway.relay.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Makes the edge's Netty listeners match the desired {@link Routes}, ends the connections of
 * endpoints that are no longer live, and reports address and pool conflicts.
 *
 * <p>Confined to the control thread (the {@code control} executor): every method must run there.
 * Binds and closes are asynchronous; their completions come back through {@code control}, so no
 * thread ever waits on a socket. A listener that cannot bind (port in use, IP not local) is logged
 * and tried again on the next change and on {@link #retryFailed()}.
 */
public final class ListenerReconciler {

    private static final Logger LOG = Logger.getLogger(ListenerReconciler.class);

    /** Where one listener stands. */
    sealed interface ListenerState permits Binding, Bound, Failed, Closing {}

    record Binding(ChannelFuture bind, int failuresBefore) implements ListenerState {}

    record Bound(Channel channel) implements ListenerState {}

    record Failed(String reason, int failures) implements ListenerState {}

    /** Closing: no new bind on this address until the old socket is gone. */
    record Closing(ChannelFuture close) implements ListenerState {}

    private final Transport transport;
    private final boolean reusePort;
    private final Executor control;
    private final Function<BindAddress, ChannelHandler> acceptors;
    private final PublishedRoutes published;
    private final ConnectionRegistry connections;
    private final EdgeMetrics metrics;
    private final Map<BindAddress, ListenerState> states = new HashMap<>();
    private Set<Conflict> reportedConflicts = Set.of();
    private Set<PoolConflict> reportedPoolConflicts = Set.of();
    private Routes desired = Routes.NONE;
    private boolean closed;

    ListenerReconciler(Transport transport, boolean reusePort, Executor control,
                       Function<BindAddress, ChannelHandler> acceptors, PublishedRoutes published,
                       ConnectionRegistry connections, EdgeMetrics metrics) {
        this.transport = transport;
        this.reusePort = reusePort;
        this.control = control;
        this.acceptors = acceptors;
        this.published = published;
        this.connections = connections;
        this.metrics = metrics;
    }

    /** Serves {@code routes} from now on. Call after every change of the routing table. */
    public void apply(Routes routes) {
        desired = routes;
        // Publish first, sweep second: a connection that registers meanwhile sees the new routes.
        published.publish(routes);
        int aborted = connections.abortAllExcept(routes.liveEndpointIds(), "endpoint offline or its address no longer served");
        if (aborted > 0) {
            LOG.infof("closed %d client connection(s) of endpoints that went offline", aborted);
        }
        reportConflicts(routes.conflicts());
        reportPoolConflicts(routes.poolConflicts());
        reconcile();
    }

    /** Tries the listeners that failed to bind again. */
    public void retryFailed() {
        reconcile();
    }

    /** Closes every listener (client connections are left to the transport's shutdown). */
    public void closeAll() {
        closed = true;
        desired = Routes.NONE;
        published.publish(Routes.NONE);
        for (ListenerState state : states.values()) {
            if (state instanceof Bound bound) {
                bound.channel().close();
            } else if (state instanceof Binding binding) {
                binding.bind().channel().close();
            }
        }
        states.clear();
        metrics.listenersBound(0);
    }

    /** For tests and diagnostics: the state of every listener. */
    Map<BindAddress, ListenerState> states() {
        return Map.copyOf(states);
    }

    private void reconcile() {
        if (closed) {
            return;
        }
        Map<BindAddress, Listener> wanted = desired.listeners();
        for (Map.Entry<BindAddress, ListenerState> entry : new ArrayList<>(states.entrySet())) {
            BindAddress at = entry.getKey();
            if (wanted.containsKey(at)) {
                continue;
            }
            if (entry.getValue() instanceof Bound bound) {
                close(at, bound.channel());
            } else if (entry.getValue() instanceof Failed) {
                states.remove(at);
            }
            // Binding: closed when the bind completes. Closing: already on its way.
        }
        for (Listener listener : wanted.values()) {
            ListenerState state = states.get(listener.bindAddress());
            if (state == null) {
                bind(listener, 0);
            } else if (state instanceof Failed failed) {
                bind(listener, failed.failures());
            }
        }
        updateGauge();
    }

    private void bind(Listener listener, int failuresBefore) {
        BindAddress at = listener.bindAddress();
        // Clients stay on their listener's loop; an agent link is made on its first client's loop (AgentAcceptHandler),
        // so the clients of one listener and their link share a thread with no hand-off or move per client.
        ChannelFuture future = transport.bind(at.toSocketAddress(), acceptors.apply(at), reusePort, true);
        Binding binding = new Binding(future, failuresBefore);
        states.put(at, binding);
        future.addListener(done -> control.execute(() -> bindDone(at, binding)));
    }

    private void bindDone(BindAddress at, Binding binding) {
        ChannelFuture future = binding.bind();
        if (closed || states.get(at) != binding) {
            future.channel().close();
            return;
        }
        Listener listener = desired.listenerAt(at);
        if (!future.isSuccess()) {
            String reason = String.valueOf(future.cause() == null ? "unknown" : future.cause().getMessage());
            int failures = binding.failuresBefore() + 1;
            states.put(at, new Failed(reason, failures));
            if (failures == 1) {
                LOG.errorf("cannot listen on %s for %s: %s. Retrying on every change and periodically",
                        at, listener == null ? "a withdrawn address" : listener.publicAddress(), reason);
            } else {
                LOG.debugf("still cannot listen on %s (attempt %d): %s", at, failures, reason);
            }
            updateGauge();
            return;
        }
        if (listener == null) {
            close(at, future.channel()); // withdrawn while binding
            return;
        }
        states.put(at, new Bound(future.channel()));
        LOG.infof("listening on %s for %s (address %s, account %s)%s", at, listener.publicAddress(),
                listener.address().getId(), listener.address().getAccount(),
                binding.failuresBefore() > 0 ? " after " + binding.failuresBefore() + " failed attempt(s)" : "");
        updateGauge();
    }

    private void close(BindAddress at, Channel channel) {
        Closing closing = new Closing(channel.close());
        states.put(at, closing);
        LOG.infof("stopped listening on %s: no online endpoint, or the address was released", at);
        closing.close().addListener(done -> control.execute(() -> {
            if (states.get(at) == closing) {
                states.remove(at);
            }
            reconcile(); // the address may be wanted again already
        }));
    }

    private void reportConflicts(List<Conflict> conflicts) {
        Set<Conflict> now = new HashSet<>(conflicts);
        for (Conflict conflict : now) {
            if (!reportedConflicts.contains(conflict)) {
                LOG.error(conflict.describe());
            }
        }
        reportedConflicts = now;
    }

    /** Once per change, like address conflicts: a new conflict, or one whose members changed. */
    private void reportPoolConflicts(List<PoolConflict> conflicts) {
        Set<PoolConflict> now = new HashSet<>(conflicts);
        int notPooled = 0;
        for (PoolConflict conflict : now) {
            notPooled += conflict.notServedIds().size();
            if (!reportedPoolConflicts.contains(conflict)) {
                LOG.warn(conflict.describe());
            }
        }
        reportedPoolConflicts = now;
        metrics.endpointsNotPooled(notPooled);
    }

    private void updateGauge() {
        metrics.listenersBound((int) states.values().stream().filter(Bound.class::isInstance).count());
    }
}
