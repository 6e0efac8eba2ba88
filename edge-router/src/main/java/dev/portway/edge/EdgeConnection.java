package dev.portway.edge;

import dev.portway.api.v1.DataPreamble;
import dev.portway.api.v1.EdgeOpen;
import dev.portway.relay.Preamble;
import dev.portway.relay.Splice;
import dev.portway.relay.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.jboss.logging.Logger;

/**
 * One client connection, from accept until both of its sockets are closed.
 *
 * <pre>
 *   Accepted ──start──▶ Dialing ──bridge connected──▶ Spliced ──both sides closed──▶ Closed
 *       │                  │  └──dial failed / client left / abort──▶ Closed (client reset)
 *       └──endpoint offline─┘
 * </pre>
 *
 * Every transition runs on the client's event loop (the bridge channel shares it), so the state
 * needs no lock; {@link #abort} from another thread hops onto that loop first.
 */
final class EdgeConnection implements Splice.Observer {

    private static final Logger LOG = Logger.getLogger(EdgeConnection.class);

    sealed interface State permits Accepted, Dialing, Spliced, Closed {}

    record Accepted() implements State {}

    record Dialing(ChannelFuture bridgeConnect) implements State {}

    record Spliced(Splice splice) implements State {}

    record Closed(String why) implements State {}

    /** Why a connection was reset by the edge rather than by one of its peers. */
    static final class EndpointGone extends IOException {
        EndpointGone(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // an expected event, not a bug: the stack says nothing
        }
    }

    private final Channel client;
    private final OnlineEndpoint target;
    private final String serviceToken;
    private final BridgeDialer dialer;
    private final ConnectionRegistry registry;
    private final PublishedRoutes routes;
    private final EdgeMetrics metrics;
    private final EdgeMetrics.EndpointTraffic traffic;
    private State state = new Accepted();

    EdgeConnection(Channel client, OnlineEndpoint target, String serviceToken, BridgeDialer dialer,
                   ConnectionRegistry registry, PublishedRoutes routes, EdgeMetrics metrics) {
        this.client = client;
        this.target = target;
        this.serviceToken = serviceToken;
        this.dialer = dialer;
        this.registry = registry;
        this.routes = routes;
        this.metrics = metrics;
        this.traffic = metrics.trafficOf(target.url());
    }

    String endpointId() {
        return target.id();
    }

    /** Dials the endpoint's bridge. Call on the client's event loop. */
    void start() {
        registry.add(this);
        client.closeFuture().addListener(f -> clientClosed());
        // Registered first, checked second: see ConnectionRegistry for why this closes the race with a sweep.
        if (!routes.current().isLive(target.id())) {
            refuse("endpoint went offline");
            return;
        }
        ChannelFuture connect = dialer.dial(client.eventLoop(), target.bridgeDataAddress());
        state = new Dialing(connect);
        connect.addListener((ChannelFutureListener) this::bridgeDialed);
    }

    /** Ends the connection at once with a reset to the client. Safe from any thread. */
    void abort(String why) {
        if (client.eventLoop().inEventLoop()) {
            abortNow(why);
        } else {
            client.eventLoop().execute(() -> abortNow(why));
        }
    }

    private void bridgeDialed(ChannelFuture connect) {
        if (!(state instanceof Dialing)) {
            connect.channel().close(); // aborted, or the client left, while dialing
            return;
        }
        if (!connect.isSuccess()) {
            // A dial closed on our side (edge stopping) says nothing about the bridge.
            if (!(connect.cause() instanceof ClosedChannelException)) {
                dialer.reportFailure(target.bridgeId(), target.bridgeDataAddress(), connect.cause());
            }
            refuse("bridge data address " + target.bridgeDataAddress() + " unreachable");
            return;
        }
        dialer.reportSuccess(target.bridgeDataAddress());
        Channel bridge = connect.channel();
        bridge.write(Preamble.encode(bridge.alloc(), preamble()))
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        // No round trip: bytes the client sends early wait in the bridge until the agent dials back.
        state = new Spliced(Splice.join(client, bridge, this));
    }

    private DataPreamble preamble() {
        return DataPreamble.newBuilder().setEdgeOpen(EdgeOpen.newBuilder()
                        .setEndpointId(target.id())
                        .setClientAddress(SocketAddresses.format(client.remoteAddress()))
                        .setServerAddress(SocketAddresses.format(client.localAddress()))
                        .setServiceToken(serviceToken))
                .build();
    }

    private void abortNow(String why) {
        if (state instanceof Spliced spliced) {
            spliced.splice().abort(new EndpointGone(why));
        } else if (state instanceof Dialing dialing) {
            dialing.bridgeConnect().channel().close();
            refuse(why);
        } else if (state instanceof Accepted) {
            refuse(why);
        }
    }

    private void refuse(String why) {
        state = new Closed(why);
        metrics.connectionRefused();
        LOG.debugf("refused client %s for endpoint %s: %s", client.remoteAddress(), target.url(), why);
        Transport.abort(client);
    }

    private void clientClosed() {
        registry.remove(this);
        if (state instanceof Dialing dialing) {
            dialing.bridgeConnect().channel().close();
            state = new Closed("client left while the bridge was dialed");
        }
    }

    @Override
    public void onBytes(Splice.Direction direction, int bytes) {
        (direction == Splice.Direction.A_TO_B ? traffic.in() : traffic.out()).add(bytes);
    }

    @Override
    public void onClosed(Splice splice, Throwable cause) {
        state = new Closed(cause == null ? "done" : cause.toString());
        if (LOG.isDebugEnabled()) {
            LOG.debugf("connection closed endpoint=%s endpoint_id=%s client=%s bridge=%s bytes_in=%d bytes_out=%d cause=%s",
                    target.url(), target.id(), SocketAddresses.format(client.remoteAddress()), target.bridgeId(),
                    splice.bytesAToB(), splice.bytesBToA(), cause == null ? "-" : cause.toString());
        }
    }
}
