package dev.portway.edge;

import dev.portway.relay.HoldingHandler;
import dev.portway.relay.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Sets up each client accepted on one listener. The route comes from the listener the client arrived
 * on (its local IP and port), never from the client's bytes: none are read before the splice.
 * One instance per listener, shared by its children (a ChannelInitializer is sharable).
 */
final class ClientAcceptor extends ChannelInitializer<Channel> {

    private static final Logger LOG = Logger.getLogger(ClientAcceptor.class);

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

        Listener listener = context.routes().current().listenerAt(listenerAddress);
        if (listener == null) {
            metrics.connectionRefused();
            LOG.debugf("refused client %s on %s: no online endpoint", client.remoteAddress(), listenerAddress);
            Transport.abort(client);
            return;
        }
        new EdgeConnection(client, pick(listener.endpoints()), context).start();
    }

    /** Random for now: until pooling arrives only one endpoint per URL can be online. */
    private static OnlineEndpoint pick(List<OnlineEndpoint> endpoints) {
        return endpoints.size() == 1 ? endpoints.get(0) : endpoints.get(ThreadLocalRandom.current().nextInt(endpoints.size()));
    }
}
