package dev.portway.agent;

import dev.portway.api.v1.AgentAccept;
import dev.portway.api.v1.DataPreamble;
import dev.portway.api.v1.OpenConnection;
import dev.portway.relay.HoldingHandler;
import dev.portway.relay.Preamble;
import dev.portway.relay.Transport;
import dev.portway.relay.link.AgentLink;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The agent's links to edges ({@link AgentLink}), one per edge data address, for the current session. The
 * first client an edge sends through the bridge (with {@code link_accepted}) is answered by dialing a link
 * instead of a data connection; from then on that edge opens a stream of the link per client and the
 * bridge is not asked again. While a link is being dialed, other clients of that edge are served one data
 * connection each, as without links.
 *
 * <p>Links belong to a session: the edge keys them by it, so they are all closed when it ends.
 */
final class EdgeLinks {

    private static final Logger LOG = Logger.getLogger(EdgeLinks.class);

    /** A link being dialed ({@code channel} null) or up. */
    private static final class Link {
        volatile Channel channel;
        volatile boolean closed;

        void close() {
            closed = true;
            Channel c = channel;
            if (c != null) {
                c.close();
            }
        }
    }

    private final Transport transport;
    private final Endpoints endpoints;
    private final Map<HostPort, Link> byEdge = new ConcurrentHashMap<>();

    EdgeLinks(Transport transport, Endpoints endpoints) {
        this.transport = transport;
        this.endpoints = endpoints;
    }

    /**
     * Answers {@code request} by dialing a link to {@code edge}, if the edge takes links and this agent has none
     * to it yet: returns true, and the edge opens the request's client as the link's first stream. Returns false
     * when the caller must serve the request with a data connection of its own.
     *
     * @param failed receives why the link could not be dialed (the request is then lost, as a data connection's
     *     would be; called on a Netty thread)
     */
    boolean answerWithNewLink(OpenConnection request, HostPort edge, Consumer<String> failed) {
        if (!request.getLinkAccepted()) {
            return false;
        }
        Link link = new Link();
        if (byEdge.putIfAbsent(edge, link) != null) {
            return false;
        }
        transport.connect(edge.toSocketAddress(), null).addListener((ChannelFutureListener) dialed -> {
            if (!dialed.isSuccess()) {
                byEdge.remove(edge, link);
                String reason = "edge data address " + edge + " " + ConnectionOpener.describe(dialed.cause());
                LOG.warnf("%s: no link to it (client %s)", reason, request.getClientAddress());
                failed.accept(reason);
                return;
            }
            Channel channel = dialed.channel();
            link.channel = channel;
            channel.closeFuture().addListener(closed -> {
                if (byEdge.remove(edge, link)) {
                    LOG.debugf("link to edge %s closed", edge);
                }
            });
            if (link.closed) {
                channel.close(); // the session ended while dialing
                return;
            }
            channel.pipeline().get(HoldingHandler.class).discard(); // reading was off: it holds nothing
            // The preamble goes out first, then the HTTP/2 settings that starting the link writes.
            channel.writeAndFlush(Preamble.encode(channel.alloc(), DataPreamble.newBuilder()
                    .setAgentAccept(AgentAccept.newBuilder()
                            .setConnectionId(request.getConnectionId())
                            .setToken(request.getToken())
                            .setLink(true))
                    .build()));
            AgentLink.startAnswerer(channel, () -> new StreamAnswerer(transport, endpoints));
            LOG.debugf("linked to edge %s", edge);
        });
        return true;
    }

    /** The session ended: its links mean nothing to the edges any more. */
    void closeAll() {
        byEdge.values().forEach(Link::close);
        byEdge.clear();
    }
}
