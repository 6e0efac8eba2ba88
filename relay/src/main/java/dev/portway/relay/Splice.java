package dev.portway.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Joins two channels so bytes flow both ways until both sides are done. Each is a TCP socket or a stream
 * of an agent link ({@link dev.portway.relay.link.AgentLink}, whose {@code StreamBytes} makes it look like
 * one: a FIN is END_STREAM, a reset is RST_STREAM).
 *
 * <ul>
 *   <li><b>Back-pressure</b>: a side stops reading while its peer's write queue is above the high
 *       water mark, and reads again once the peer drained to the low one. The check follows every
 *       read, so a queue exceeds the high water mark by at most one socket read ({@link
 *       Transport#MAX_READ_BYTES}); on epoll a FIN can force one more read while reading is off.
 *   <li><b>Half-close</b>: a FIN read on one side is passed on as a FIN (shutdownOutput) to the other,
 *       after every byte read before it; the reverse direction keeps flowing. Once both directions
 *       have passed their FIN, both channels close.
 *   <li><b>Close and reset</b>: a side that closes without FIN-first semantics (closed, or an error)
 *       ends the other side: an orderly close after flushing what was read, an error (such as a
 *       reset) with a reset (SO_LINGER 0), so the far end learns the connection broke.
 *   <li><b>Held bytes</b>: what a channel read before the splice (the {@link HoldingHandler.Held}
 *       given for {@code a}, and any {@link HoldingHandler} still in either pipeline) reaches the peer
 *       first, then the FIN or error that came with it.
 * </ul>
 *
 * <p>The two channels may live on different event loops; every field shared between them is atomic
 * or volatile, and each side is set up on its own channel's loop. Both channels must allow
 * half-closure ({@link Transport} sets it).
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
    private final Side aSide;
    private final Side bSide;
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
        this.aSide = new Side(a, b, Direction.A_TO_B);
        this.bSide = new Side(b, a, Direction.B_TO_A);
        aSide.other = bSide;
        bSide.other = aSide;
    }

    /**
     * Starts piping between {@code a} and {@code b}; callable from any thread. Each channel's pipeline
     * gets a handler named {@code "splice"} as its last handler, on the channel's own event loop
     * (at once if called there), and reading is switched on for both.
     *
     * <p>A {@link HoldingHandler} left in either pipeline is released there and its bytes go first.
     * That is the safe way to hand over: a holder released earlier, in another event-loop task,
     * leaves a gap in which epoll may read bytes that then reach no one.
     *
     * @param heldFromA what was already released from {@code a} (e.g. behind a preamble): its bytes
     *     reach {@code b} first, and a FIN it saw is passed on after them, an error it saw resets both;
     *     ownership passes to the splice
     */
    public static Splice join(Channel a, Channel b, HoldingHandler.Held heldFromA, Observer observer) {
        Splice splice = new Splice(a, b, observer);
        a.closeFuture().addListener(f -> splice.channelClosed());
        b.closeFuture().addListener(f -> splice.channelClosed());
        splice.aSide.attachOnItsLoop(heldFromA);
        splice.bSide.attachOnItsLoop(HoldingHandler.Held.NOTHING);
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

    /** Ends both sides: with a reset after an error, else in order (flush what is queued, close). */
    private void end(Throwable error) {
        if (error != null) {
            abort(error);
        } else if (ending.compareAndSet(false, true)) {
            closeAfterFlush(a);
            closeAfterFlush(b);
        }
    }

    private static void closeAfterFlush(Channel channel) {
        // A socket whose output is shut down has nothing left to flush (and a flush of it would fail).
        if (channel.isActive() && !(channel instanceof DuplexChannel duplex && duplex.isOutputShutdown())) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    /**
     * A FIN: a socket shuts its output; a stream of an agent link ends with END_STREAM. On its event loop.
     *
     * <p>An epoll (native) socket is shut directly on its file descriptor: Netty's {@code shutdownOutput} builds a
     * {@code ChannelOutputShutdownException}, stack trace included, on every call (5% of the agent's CPU at a
     * few thousand connections a second). Netty's own view stays right: {@code isOutputShutdown()} reads the
     * descriptor's state, and nothing is written after the FIN (the splice's direction is done). Half-closure is
     * then switched off for it: the peer's FIN, when it comes, closes the channel instead of making Netty shut
     * the input, which fails once both FINs passed (ENOTCONN, another exception built per connection); {@link
     * Side#channelInactive} takes that close for the FIN it is.
     */
    private static ChannelFuture shutdownOutput(Channel channel) {
        if (channel instanceof UnixChannel unix && unix.fd() instanceof Socket socket && channel.eventLoop().inEventLoop()) {
            try {
                socket.shutdown(false, true);
                channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
                return channel.newSucceededFuture();
            } catch (IOException e) {
                return channel.newFailedFuture(e);
            }
        }
        if (channel instanceof DuplexChannel duplex) {
            return duplex.shutdownOutput();
        }
        if (channel instanceof Http2StreamChannel) {
            return channel.writeAndFlush(new DefaultHttp2DataFrame(true));
        }
        return channel.newSucceededFuture();
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
        /** The peer's side: it reads what this side's channel writes. */
        private Side other;
        /** Set on {@code self}'s loop once this handler is in place; read from the peer's loop. */
        private volatile boolean attached;
        /** Set once {@code self}'s FIN was passed on: nothing more to read. */
        private volatile boolean inputDone;

        Side(Channel self, Channel peer, Direction direction) {
            this.self = self;
            this.peer = peer;
            this.direction = direction;
        }

        void attachOnItsLoop(HoldingHandler.Held given) {
            if (self.eventLoop().inEventLoop()) {
                attach(given);
            } else {
                self.eventLoop().execute(() -> attach(given));
            }
        }

        /** On {@code self}'s loop: from here on, everything {@code self} reads comes to this handler. */
        private void attach(HoldingHandler.Held given) {
            HoldingHandler.Held held = HoldingHandler.releaseAll(self.pipeline(), given);
            self.pipeline().addLast("splice", this);
            attached = true;
            if (held.error() != null) {
                held.releaseBytes();
                end(held.error());
                return;
            }
            for (ByteBuf buf : held.bytes()) {
                forward(buf);
            }
            peer.flush();
            if (!self.isActive()) {
                end(null); // it closed before this handler could hear of it
                return;
            }
            if (held.finReceived()) {
                passFinToPeer();
            } else if (!ending.get()) {
                self.config().setAutoRead(true);
                if (!peer.isWritable()) {
                    pause();
                }
            }
            // The peer may have paused on self's full queue before this handler could hear it drain.
            if (self.isWritable()) {
                other.resume();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf buf)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            forward(buf);
            // Checked after every read, not once per batch: one batch can be 16 reads of 64 KiB.
            if (!peer.isWritable()) {
                pause();
            }
        }

        private void forward(ByteBuf buf) {
            count(direction, buf.readableBytes());
            peer.write(buf, peer.voidPromise());
        }

        private void pause() {
            self.config().setAutoRead(false);
            // The peer may have drained between the check and the switch, on its own loop, and its
            // resume() come before the switch: look again.
            if (peer.isWritable()) {
                resume();
            }
        }

        /** Reads again: the peer's queue drained to the low water mark. Callable from any thread. */
        void resume() {
            if (attached && !inputDone) {
                self.config().setAutoRead(true);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (self.isWritable()) {
                other.resume();
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

        /**
         * The FIN goes out after every byte queued before it; a finished direction counts once. When the peer's
         * own input already ended, this is the last direction: a socket peer then gets its FIN from the orderly
         * close that follows at once (Netty's shutdownOutput builds an exception with a stack trace every time,
         * measurably costly at thousands of connections a second).
         */
        private void passFinToPeer() {
            if (inputDone) {
                return;
            }
            inputDone = true;
            boolean closeCarriesFin = other.inputDone && peer instanceof DuplexChannel;
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> {
                if (flushed.isSuccess() && peer.isActive() && !closeCarriesFin) {
                    shutdownOutput(peer).addListener(shut -> directionFinished());
                } else {
                    directionFinished();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // Half-closure is off only on a socket whose output shutdownOutput shut: from then on, a close that is
            // not the splice's own is the peer's FIN. Every byte before it was already read and forwarded; an error
            // (a reset) would have come first, through exceptionCaught.
            if (!inputDone && !ending.get() && Boolean.FALSE.equals(self.config().getOption(ChannelOption.ALLOW_HALF_CLOSURE))) {
                passFinToPeer();
                return;
            }
            end(null);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable error) {
            end(error);
        }
    }
}
