package dev.portway.edge;

import dev.portway.api.v1.AgentAccept;
import dev.portway.api.v1.DataPreamble;
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
 * HoldingHandler} until {@code Splice.join} takes them over.
 */
final class AgentAcceptHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(AgentAcceptHandler.class);

    private final PendingConnections pending;

    AgentAcceptHandler(PendingConnections pending) {
        this.pending = pending;
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
        connection.agentArrived(ctx.channel(), accept.getError());
    }
}
