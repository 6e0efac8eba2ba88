package dev.portway.relay;

import dev.portway.api.v1.DataPreamble;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-hop relay built the way edge, bridge and agent build theirs: accept → PreambleDecoder
 * (optional) → HoldingHandler → dial the upstream → {@link Splice#join}. Gates let a test hold a
 * connection between those steps; every connection is exposed with its channels and splice.
 */
final class TestProxy implements AutoCloseable {

    /** How the proxy treats a connection; the defaults splice at once, with no preamble. */
    static final class Options {
        boolean expectPreamble;
        long preambleTimeoutMillis = 60_000;
        /** Keep reading while holding until the client's FIN arrived, then dial. */
        boolean readUntilFinBeforeDial;
        /** Dial the upstream only once this completes. */
        CompletableFuture<Void> dialGate = CompletableFuture.completedFuture(null);
        /** Splice only once this completes (the upstream is connected by then). */
        CompletableFuture<Void> joinGate = CompletableFuture.completedFuture(null);
        /**
         * True: release the HoldingHandler and join in one task on the client's loop. False: leave it
         * in the pipeline and join from a thread of no event loop (join must take it over).
         */
        boolean releaseBeforeJoin = true;
    }

    /** The size of what a HoldingHandler released (its buffers belong to the splice after). */
    record HeldSummary(int bytes, boolean finReceived) {
        static HeldSummary of(HoldingHandler.Held held) {
            return new HeldSummary(held.bytes().stream().mapToInt(ByteBuf::readableBytes).sum(), held.finReceived());
        }
    }

    /** One accepted client connection, its upstream connection and their splice. */
    static final class Connection implements Splice.Observer {
        final Channel client;
        final CompletableFuture<DataPreamble> preamble = new CompletableFuture<>();
        final CompletableFuture<Channel> upstream = new CompletableFuture<>();
        final CompletableFuture<Void> upstreamFinSeen = new CompletableFuture<>();
        /** What the client channel held when it was released, counted before the splice took it. */
        final CompletableFuture<HeldSummary> held = new CompletableFuture<>();
        final CompletableFuture<Splice> spliced = new CompletableFuture<>();
        /** Completes when both channels closed, with the cause the splice reported (null: orderly). */
        final CompletableFuture<Throwable> closed = new CompletableFuture<>();

        Connection(Channel client) {
            this.client = client;
        }

        @Override
        public void onClosed(Splice splice, Throwable cause) {
            closed.complete(cause);
        }

        Channel upstreamChannel() {
            return upstream.getNow(null);
        }

        /** Bytes queued in the proxy (written, not yet handed to the kernel) on {@code channel}. */
        static long pendingWriteBytes(Channel channel) {
            ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
            return buffer == null ? 0 : buffer.totalPendingWriteBytes();
        }
    }

    private final Transport inbound;
    private final Transport outbound;
    private final InetSocketAddress upstreamAddress;
    private final Options options;
    private final Channel server;
    private final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();
    private final AtomicInteger dials = new AtomicInteger();

    TestProxy(Wiring wiring, InetSocketAddress upstreamAddress, Options options) throws InterruptedException {
        this.inbound = wiring.transport("proxy-in");
        this.outbound = wiring.twoLoops ? wiring.transport("proxy-out") : inbound;
        this.upstreamAddress = upstreamAddress;
        this.options = options;
        this.server = inbound.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                Connection connection = new Connection(ch);
                connections.add(connection);
                if (options.expectPreamble) {
                    ch.pipeline().addLast("preamble", new PreambleDecoder(options.preambleTimeoutMillis));
                }
                HoldingHandler hold = new HoldingHandler();
                ch.pipeline().addLast("hold", hold);
                ch.pipeline().addLast("dial", new DialHandler(connection, hold));
            }
        }, false).sync().channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    Connection nextConnection() throws InterruptedException {
        Connection connection = connections.poll(Sockets.WAIT_SECONDS, TimeUnit.SECONDS);
        if (connection == null) {
            throw new AssertionError("the proxy accepted no connection");
        }
        return connection;
    }

    /** How many upstream connections the proxy started. */
    int dials() {
        return dials.get();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        if (outbound != inbound) {
            outbound.close();
        }
        inbound.close();
    }

    /** Waits for the preamble (if any), then dials the upstream and splices. */
    private final class DialHandler extends ChannelInboundHandlerAdapter {
        private final Connection connection;
        private final HoldingHandler hold;
        private boolean readingUntilFin;

        DialHandler(Connection connection, HoldingHandler hold) {
            this.connection = connection;
            this.hold = hold;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (!options.expectPreamble) {
                start(ctx);
            }
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DataPreamble preamble) {
                connection.preamble.complete(preamble);
                start(ctx);
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (readingUntilFin) {
                ctx.read(); // the holding handler switched automatic reading off
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent && readingUntilFin) {
                readingUntilFin = false;
                dial(ctx);
            }
            ctx.fireUserEventTriggered(evt);
        }

        private void start(ChannelHandlerContext ctx) {
            if (options.readUntilFinBeforeDial) {
                readingUntilFin = true;
                ctx.read();
            } else {
                dial(ctx);
            }
        }

        private void dial(ChannelHandlerContext ctx) {
            options.dialGate.thenRun(() -> ctx.executor().execute(this::connectUpstream));
        }

        private void connectUpstream() {
            dials.incrementAndGet();
            outbound.connect(upstreamAddress, new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast("fin-probe", new FinProbe(connection));
                }
            }).addListener((ChannelFuture connected) -> {
                if (!connected.isSuccess()) {
                    connection.upstream.completeExceptionally(connected.cause());
                    connection.client.close();
                    return;
                }
                Channel upstream = connected.channel();
                connection.upstream.complete(upstream);
                Executor joiner = options.releaseBeforeJoin ? connection.client.eventLoop() : ForkJoinPool.commonPool();
                options.joinGate.thenRun(() -> joiner.execute(() -> join(upstream)));
            });
        }

        /** On the client channel's loop when releasing, as HoldingHandler.release requires. */
        private void join(Channel upstream) {
            try {
                HoldingHandler.Held held = options.releaseBeforeJoin ? hold.release() : HoldingHandler.Held.NOTHING;
                if (options.releaseBeforeJoin) {
                    connection.held.complete(HeldSummary.of(held));
                }
                connection.spliced.complete(Splice.join(connection.client, upstream, held, connection));
            } catch (RuntimeException e) {
                connection.held.completeExceptionally(e);
                connection.spliced.completeExceptionally(e);
                throw e;
            }
        }
    }

    /** Passes everything on; notes when the upstream's FIN was read (even before the splice). */
    private static final class FinProbe extends ChannelInboundHandlerAdapter {
        private final Connection connection;

        FinProbe(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                connection.upstreamFinSeen.complete(null);
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
