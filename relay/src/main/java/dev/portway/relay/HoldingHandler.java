package dev.portway.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Keeps what a channel delivers while it waits for its peer (e.g. the bytes that came in behind the
 * preamble while the bridge waits for the agent to dial back). It switches reading off as soon as
 * it holds anything, so what it holds is bounded by one socket read ({@link
 * Transport#MAX_READ_BYTES}), plus one more on epoll if a FIN arrives (epoll reads it even with
 * reading off).
 *
 * <p>{@link #release()} hands the held bytes over, with whether a FIN or an error already arrived,
 * to {@link Splice#join}; {@link #discard()} drops them if the connection is abandoned. A holder
 * left in a pipeline is released by {@link Splice#join} itself, on the channel's event loop, which
 * leaves no gap for bytes to slip past.
 *
 * <p>A connection that fails while held (say the client reset it) is aborted at once: nothing it
 * sent is worth keeping, and the error is handed over so the splice resets the other side too.
 */
public final class HoldingHandler extends ChannelInboundHandlerAdapter {

    /**
     * What was read from a channel before it was spliced.
     *
     * @param error what broke the connection before the splice, or null
     */
    public record Held(List<ByteBuf> bytes, boolean finReceived, Throwable error) {
        public static final Held NOTHING = new Held(List.of(), false, null);

        public Held(List<ByteBuf> bytes, boolean finReceived) {
            this(bytes, finReceived, null);
        }

        /** This, followed by what {@code later} held. */
        Held then(Held later) {
            List<ByteBuf> both = new ArrayList<>(bytes.size() + later.bytes.size());
            both.addAll(bytes);
            both.addAll(later.bytes);
            return new Held(both, finReceived || later.finReceived, error != null ? error : later.error);
        }

        public void releaseBytes() {
            bytes.forEach(ReferenceCountUtil::safeRelease);
        }
    }

    private final List<ByteBuf> bytes = new ArrayList<>(2);
    private boolean finReceived;
    private Throwable error;
    private ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            // Whoever reads on (a preamble decoder, or no one yet) must not make us hold without bound.
            ctx.channel().config().setAutoRead(false);
            if (error != null) {
                buf.release();
            } else {
                bytes.add(buf);
            }
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
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (error == null) {
            error = cause;
        }
        discardBytes();
        Transport.abort(ctx.channel());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discardBytes();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discardBytes(); // empty after release(); frees what a torn-down pipeline left behind
    }

    /**
     * Removes this handler and returns what it held; its buffers now belong to the caller. Call on
     * the channel's event loop. Safe after the channel closed (then it holds no bytes).
     */
    public Held release() {
        Held held = new Held(List.copyOf(bytes), finReceived, error);
        bytes.clear();
        removeFromPipeline();
        return held;
    }

    /** Removes this handler and frees what it held. Call on the channel's event loop. */
    public void discard() {
        discardBytes();
        removeFromPipeline();
    }

    /**
     * Releases every holder still in {@code pipeline} and returns {@code alreadyReleased} followed by
     * what they held. Call on the channel's event loop.
     */
    static Held releaseAll(ChannelPipeline pipeline, Held alreadyReleased) {
        List<HoldingHandler> holders = new ArrayList<>(1);
        for (Map.Entry<String, ChannelHandler> entry : pipeline) {
            if (entry.getValue() instanceof HoldingHandler holder) {
                holders.add(holder);
            }
        }
        // A holder nearer the head swallows everything from when it was added, so the holders
        // behind it hold older bytes: release from the tail.
        Collections.reverse(holders);
        Held held = alreadyReleased;
        for (HoldingHandler holder : holders) {
            held = held.then(holder.release());
        }
        return held;
    }

    private void removeFromPipeline() {
        if (ctx != null && !ctx.isRemoved()) {
            ctx.pipeline().remove(this);
        }
    }

    private void discardBytes() {
        bytes.forEach(ReferenceCountUtil::safeRelease);
        bytes.clear();
    }
}
