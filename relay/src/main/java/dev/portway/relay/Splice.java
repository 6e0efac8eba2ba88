package dev.portway.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Joins two TCP channels so bytes flow both ways until both sides are done.
 *
 * <ul>
 *   <li><b>Back-pressure</b>: a side stops reading while its peer's write queue is above the high
 *       water mark, and reads again once the peer drained to the low one. Nothing is buffered in
 *       between: at most one socket read (≤ 64 KiB) plus the water mark per direction.
 *   <li><b>Half-close</b>: a FIN read on one side is passed on as a FIN (shutdownOutput) to the other,
 *       after every byte read before it; the reverse direction keeps flowing. Once both directions
 *       have passed their FIN, both channels close.
 *   <li><b>Close and reset</b>: a side that closes without FIN-first semantics (closed, or an error)
 *       ends the other side: an orderly close after flushing what was read, an error (such as a
 *       reset) with a reset (SO_LINGER 0), so the far end learns the connection broke.
 * </ul>
 *
 * <p>The two channels may live on different event loops; every field shared between them is atomic.
 * Both channels must allow half-closure ({@link Transport} sets it).
 */
public final class Splice {

    /** Which way bytes went: from the first channel given to {@link #join} to the second, or back. */
    public enum Direction { A_TO_B, B_TO_A }

    /** Receives the splice's events; called on event-loop threads, so it must not block. */
    public interface Observer {
        /** {@code bytes} were forwarded in {@code direction}. */
        default void onBytes(Direction direction, int bytes) {}

        /** Both channels are closed; {@code cause} is the error that ended it, or null. */
        default void onClosed(Splice splice, Throwable cause) {}
    }

    private static final Observer NO_OBSERVER = new Observer() {};

    private final Channel a;
    private final Channel b;
    private final Observer observer;
    private final AtomicLong bytesAToB = new AtomicLong();
    private final AtomicLong bytesBToA = new AtomicLong();
    private final AtomicInteger directionsFinished = new AtomicInteger();
    private final AtomicInteger channelsOpen = new AtomicInteger(2);
    private final AtomicBoolean ending = new AtomicBoolean();
    private volatile Throwable cause;

    private Splice(Channel a, Channel b, Observer observer) {
        this.a = a;
        this.b = b;
        this.observer = observer == null ? NO_OBSERVER : observer;
    }

    /**
     * Starts piping between {@code a} and {@code b}. Each channel's pipeline gets a handler named
     * {@code "splice"} as its last handler; reading is switched on for both.
     *
     * @param heldFromA what was already read from {@code a} (e.g. behind a preamble): its bytes reach
     *     {@code b} first, and a FIN it saw is passed on after them; ownership passes to the splice
     */
    public static Splice join(Channel a, Channel b, HoldingHandler.Held heldFromA, Observer observer) {
        Splice splice = new Splice(a, b, observer);
        for (ByteBuf buf : heldFromA.bytes()) {
            splice.count(Direction.A_TO_B, buf.readableBytes());
            b.write(buf, b.voidPromise());
        }
        b.flush();
        a.closeFuture().addListener(f -> splice.channelClosed());
        b.closeFuture().addListener(f -> splice.channelClosed());
        Side aSide = splice.new Side(a, b, Direction.A_TO_B);
        a.pipeline().addLast("splice", aSide);
        b.pipeline().addLast("splice", splice.new Side(b, a, Direction.B_TO_A));
        if (!a.isActive() || !b.isActive()) {
            splice.end(null);
            return splice;
        }
        if (heldFromA.finReceived()) {
            aSide.passFinToPeer();
        } else {
            a.config().setAutoRead(true);
        }
        b.config().setAutoRead(true);
        return splice;
    }

    public static Splice join(Channel a, Channel b, Observer observer) {
        return join(a, b, HoldingHandler.Held.NOTHING, observer);
    }

    public long bytesAToB() {
        return bytesAToB.get();
    }

    public long bytesBToA() {
        return bytesBToA.get();
    }

    public Channel a() {
        return a;
    }

    public Channel b() {
        return b;
    }

    /** Ends the splice now with a reset on both sides (e.g. the endpoint went offline). */
    public void abort(Throwable why) {
        if (ending.compareAndSet(false, true)) {
            cause = why;
            Transport.abort(a);
            Transport.abort(b);
        }
    }

    private void count(Direction direction, int n) {
        (direction == Direction.A_TO_B ? bytesAToB : bytesBToA).addAndGet(n);
        observer.onBytes(direction, n);
    }

    /** Orderly end: flush what each side still has queued, then close. */
    private void end(Throwable error) {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        if (error != null) {
            cause = error;
            Transport.abort(a);
            Transport.abort(b);
            return;
        }
        closeAfterFlush(a);
        closeAfterFlush(b);
    }

    private static void closeAfterFlush(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    private void directionFinished() {
        if (directionsFinished.incrementAndGet() == 2) {
            end(null);
        }
    }

    private void channelClosed() {
        if (channelsOpen.decrementAndGet() == 0) {
            observer.onClosed(this, cause);
        }
    }

    /** One side's handler: reads from {@code self}, writes to {@code peer}. */
    private final class Side extends ChannelInboundHandlerAdapter {
        private final Channel self;
        private final Channel peer;
        private final Direction direction;

        Side(Channel self, Channel peer, Direction direction) {
            this.self = self;
            this.peer = peer;
            this.direction = direction;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf buf)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            count(direction, buf.readableBytes());
            peer.write(buf, peer.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
            if (!peer.isWritable()) {
                self.config().setAutoRead(false);
                // The peer may have drained between the check and the switch, on its own thread.
                if (peer.isWritable()) {
                    self.config().setAutoRead(true);
                }
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (self.isWritable() && peer.isActive()) {
                peer.config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                passFinToPeer();
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        private void passFinToPeer() {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> {
                if (peer instanceof DuplexChannel duplex && peer.isActive()) {
                    duplex.shutdownOutput().addListener(shut -> directionFinished());
                } else {
                    directionFinished();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            end(null);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable error) {
            end(error);
        }
    }
}
