package dev.portway.edge;

import dev.portway.policy.ConnectionFacts;
import dev.portway.relay.HoldingHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;

/**
 * Sets up and decides each client accepted on one listener, on the client's event loop. The route comes from
 * the listener the client arrived on (its local IP and port) and the traffic policy of the endpoint picked
 * there, never from the client's bytes: none are read before the splice. One instance per listener, shared by
 * its children (a ChannelInitializer is sharable).
 */
final class ClientAcceptor extends ChannelInitializer<Channel> {

    /** Stands in for an address Netty could not give (the client already vanished): never resolved. */
    private static final InetSocketAddress UNKNOWN = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);

    private final BindAddress listenerAddress;
    private final ConnectionContext context;

    ClientAcceptor(BindAddress listenerAddress, ConnectionContext context) {
        this.listenerAddress = listenerAddress;
        this.context = context;
    }

    @Override
    protected void initChannel(Channel client) {
        // Accepted channels start reading; the edge wants no byte until the agent dialed in.
        client.config().setAutoRead(false);
        // Epoll still reads a FIN (and bytes before it) with reading off: keep them for the splice.
        client.pipeline().addLast("hold", new HoldingHandler());
        EdgeMetrics metrics = context.metrics();
        metrics.connectionOpened();
        client.closeFuture().addListener(f -> metrics.connectionClosed());

        ConnectionFacts facts = ConnectionFacts.of(inet(client.remoteAddress()), inet(client.localAddress()),
                Instant.now());
        Admission admission = context.decider().decide(context.routes().current(), listenerAddress, facts);
        metrics.countDecisions(admission);
        context.events().policyEvents(admission, facts);
        new EdgeConnection(client, admission, facts, context).start();
    }

    private static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null ? inet : UNKNOWN;
    }
}
