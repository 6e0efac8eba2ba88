package dev.portway.bridge.data;

import dev.portway.api.v1.DataPreamble;
import dev.portway.relay.HoldingHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Last handler of a data connection before it is spliced: hands the decoded preamble to the
 * {@link DataPlane}, which pairs an edge's connection with the agent's that answers it.
 */
final class DataConnectionHandler extends ChannelInboundHandlerAdapter {

    private final DataPlane dataPlane;
    private final HoldingHandler holding;

    DataConnectionHandler(DataPlane dataPlane, HoldingHandler holding) {
        this.dataPlane = dataPlane;
        this.holding = holding;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DataPreamble preamble)) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
        switch (preamble.getKindCase()) {
            case EDGE_OPEN -> dataPlane.edgeOpened(ctx.channel(), holding, preamble.getEdgeOpen());
            case AGENT_ACCEPT -> dataPlane.agentAccepted(ctx.channel(), holding, preamble.getAgentAccept());
            default -> ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
