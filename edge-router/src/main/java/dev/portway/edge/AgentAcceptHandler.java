package dev.portway.edge;

import dev.portway.api.v1.AgentAccept;
import dev.portway.api.v1.DataPreamble;
import dev.portway.relay.ChannelMoves;
import dev.portway.relay.HoldingHandler;
import dev.portway.relay.link.AgentLink;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.jboss.logging.Logger;

/**
 * Last in an agent data connection's pipeline, behind the preamble decoder and a holder: takes the
 * one {@code DataPreamble}, and hands the channel to the client connection it names if the token
 * matches. Anything else is closed: the listener must not keep sockets open for strangers.
 *
 * <p>It removes itself once it saw the preamble; the bytes behind it stay in the {@code
 * HoldingHandler} until {@code Splice.join} takes them over. A preamble with {@code link} makes the
 * connection its agent session's link ({@link AgentLinks}): HTTP/2 follows, the client named is its
 * first stream.
 */
final class AgentAcceptHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(AgentAcceptHandler.class);

    private final PendingConnections pending;
    private final AgentLinks links;

    AgentAcceptHandler(PendingConnections pending, AgentLinks links) {
        this.pending = pending;
        this.links = links;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.pipeline().remove(this);
        if (!(msg instanceof DataPreamble preamble) || !preamble.hasAgentAccept()) {
            ReferenceCountUtil.release(msg);
            LOG.debugf("closing data connection from %s: not an agent_accept preamble", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        AgentAccept accept = preamble.getAgentAccept();
        EdgeConnection connection = pending.claim(accept.getConnectionId(), accept.getToken());
        if (connection == null) {
            if (pending.isWaiting(accept.getConnectionId())) {
                LOG.warnf("closing data connection from %s: wrong token for connection %s",
                        ctx.channel().remoteAddress(), accept.getConnectionId());
            } else {
                // Usually an agent that came after its client gave up (timeout, client left, endpoint offline).
                LOG.debugf("closing data connection from %s: connection %s is not waiting (any more)",
                        ctx.channel().remoteAddress(), accept.getConnectionId());
            }
            ctx.close();
            return;
        }
        if (accept.getLink()) {
            Channel link = ctx.channel();
            // In a task of its own: the preamble decoder hands the bytes behind the preamble (the agent's
            // HTTP/2 settings) to the holder only after this returns.
            link.eventLoop().execute(() -> startLink(link, connection));
            return;
        }
        connection.agentArrived(ctx.channel(), accept.getError());
    }

    /** Moves the link onto the client's loop (where its listener's next clients will be too), then starts it. */
    private void startLink(Channel link, EdgeConnection connection) {
        ChannelMoves.moveTo(link, connection.eventLoop(), () -> {
            HoldingHandler.Held held = link.pipeline().get(HoldingHandler.class).release();
            if (held.error() != null || held.finReceived() || !link.isActive()) {
                held.releaseBytes();
                link.close();
                connection.abort("the agent's link closed as it arrived");
                return;
            }
            AgentLink.startOpener(link, held.bytes());
            links.add(connection.agentSession(), link);
            connection.linkArrived(link);
        }, failure -> connection.abort("could not move the agent's link: " + failure));
    }
}
