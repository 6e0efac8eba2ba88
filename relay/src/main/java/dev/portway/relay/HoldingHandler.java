package dev.portway.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what a channel delivers while it waits for its peer (e.g. the bytes that came in behind the
 * preamble while the bridge waits for the agent to dial back). Reading is off while it waits, so
 * what it holds is bounded by one socket read.
 *
 * <p>{@link #release()} hands the held bytes over, and whether a FIN already arrived, to {@link
 * Splice#join}; {@link #discard()} drops them if the connection is abandoned.
 */
public final class HoldingHandler extends ChannelInboundHandlerAdapter {

    /** What was read from a channel before it was spliced. */
    public record Held(List<ByteBuf> bytes, boolean finReceived) {
        public static final Held NOTHING = new Held(List.of(), false);
    }

    private final List<ByteBuf> bytes = new ArrayList<>(2);
    private boolean finReceived;
    private ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            bytes.add(buf);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            finReceived = true;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discardBytes();
        ctx.fireChannelInactive();
    }

    /** Removes this handler and returns what it held. Call on the channel's event loop. */
    public Held release() {
        ctx.pipeline().remove(this);
        Held held = new Held(List.copyOf(bytes), finReceived);
        bytes.clear();
        return held;
    }

    /** Removes this handler and frees what it held. Call on the channel's event loop. */
    public void discard() {
        discardBytes();
        if (!ctx.isRemoved()) {
            ctx.pipeline().remove(this);
        }
    }

    private void discardBytes() {
        bytes.forEach(ReferenceCountUtil::safeRelease);
        bytes.clear();
    }
}
