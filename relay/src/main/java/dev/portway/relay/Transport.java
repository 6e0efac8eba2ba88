package dev.portway.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The event loops and socket options every data connection of a process uses.
 *
 * <p>Uses Linux epoll when its native library loads (fewer copies and syscalls than NIO), NIO
 * otherwise. Every channel made here starts with {@code ALLOW_HALF_CLOSURE} (so a FIN can be passed
 * on while the other direction keeps flowing), small write-buffer water marks (so a slow reader
 * turns into back-pressure after at most {@link #HIGH_WATER_MARK} bytes queued per socket) and reads
 * of at most {@link #MAX_READ_BYTES} (so one read past the mark is the most that can overshoot it).
 */
public final class Transport implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Transport.class);

    /**
     * Bytes queued on a socket before it reports unwritable and its peer stops reading: four
     * maximum reads, so a bulk transfer pauses reading rarely (each pause and resume is an
     * epoll_ctl syscall; at one read it happened after nearly every read, see bench/).
     */
    public static final int HIGH_WATER_MARK = 256 * 1024;
    /** Bytes the queue must drain to before the peer reads again: two maximum reads. */
    public static final int LOW_WATER_MARK = 128 * 1024;

    /** The largest single socket read: what a splice may queue beyond the high water mark. */
    public static final int MAX_READ_BYTES = 64 * 1024;

    private static final WriteBufferWaterMark WATER_MARK =
            new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK);

    /** {@link #LOW_WATER_MARK} and {@link #HIGH_WATER_MARK}, for channels made elsewhere (a link's streams). */
    public static WriteBufferWaterMark waterMark() {
        return WATER_MARK;
    }
    // Netty's default sizes, pinned here because the bounds above are stated in terms of them.
    private static final int MIN_READ_BYTES = 64;
    private static final int FIRST_READ_BYTES = 2048;

    private final EventLoopGroup group;
    private final boolean epoll;

    private Transport(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
    }

    /**
     * @param name thread name prefix, e.g. "edge-io"
     * @param threads event loop threads; 0 means one per core
     */
    public static Transport create(String name, int threads) {
        return create(name, threads, true);
    }

    /**
     * @param preferEpoll false forces NIO even where epoll works (tests run both; an operator may
     *     rule out the native library)
     */
    public static Transport create(String name, int threads, boolean preferEpoll) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        if (preferEpoll && Epoll.isAvailable()) {
            return new Transport(new EpollEventLoopGroup(n, factory), true);
        }
        LOG.debugf("epoll unavailable (%s); using NIO", Epoll.unavailabilityCause());
        return new Transport(new NioEventLoopGroup(n, factory), false);
    }

    public boolean isEpoll() {
        return epoll;
    }

    public EventLoopGroup group() {
        return group;
    }

    /**
     * A client bootstrap for one outgoing data connection; reading starts off. The pipeline starts
     * with a {@link HoldingHandler} ahead of {@code initializer}'s handlers: epoll reads a socket that
     * got a FIN even while reading is off, and the bytes that came before that FIN (say an upstream's
     * greeting and goodbye) must wait for the splice instead of falling off the pipeline's end.
     * {@link Splice#join} releases it.
     */
    public Bootstrap client(ChannelHandler initializer) {
        return new Bootstrap()
                .group(group)
                // A constructor reference, not a class: Netty would otherwise create each channel by reflection.
                .channelFactory(epoll ? (ChannelFactory<Channel>) EpollSocketChannel::new
                        : (ChannelFactory<Channel>) NioSocketChannel::new)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.RCVBUF_ALLOCATOR, readSizes())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HoldingHandler());
                        if (initializer != null) {
                            ch.pipeline().addLast(initializer);
                        }
                    }
                });
    }

    /** Connects to {@code address}; the channel starts with reading off. */
    public ChannelFuture connect(SocketAddress address, ChannelHandler initializer) {
        return client(initializer).connect(address);
    }

    /**
     * Binds a listener. Accepted channels start with reading on (so a preamble can be read) and
     * half-closure allowed.
     *
     * @param reusePort let several processes listen on the same address (epoll only)
     */
    public ChannelFuture bind(SocketAddress address, ChannelHandler childInitializer, boolean reusePort) {
        return bind(address, childInitializer, reusePort, false);
    }

    /**
     * @param onOneLoop accept every connection onto the listener's own event loop instead of spreading them over
     *     all loops: no hand-off to another thread per accepted connection. For listeners whose connections are
     *     relayed to a channel on one known loop anyway (an edge's clients go to their agent's link).
     */
    public ChannelFuture bind(SocketAddress address, ChannelHandler childInitializer, boolean reusePort, boolean onOneLoop) {
        EventLoopGroup loops = onOneLoop ? group.next() : group; // an EventLoop is a group of one
        ServerBootstrap b = new ServerBootstrap()
                .group(loops, loops)
                .channel(serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, readSizes())
                .childHandler(childInitializer);
        if (epoll && reusePort) {
            b.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        return b.bind(address);
    }

    private static AdaptiveRecvByteBufAllocator readSizes() {
        return new AdaptiveRecvByteBufAllocator(MIN_READ_BYTES, FIRST_READ_BYTES, MAX_READ_BYTES);
    }

    private Class<? extends ServerChannel> serverChannelClass() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Closes every channel of this transport and waits (bounded) for the loops to stop. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /**
     * Closes a channel with a TCP reset instead of a FIN (SO_LINGER 0); bytes still queued for it are
     * dropped. Safe from any thread: the work runs on the channel's event loop, where the socket
     * cannot be closed (and its descriptor number reused) between setting the option and closing.
     */
    public static void abort(Channel channel) {
        if (!channel.isRegistered()) {
            channel.close();
        } else if (channel.eventLoop().inEventLoop()) {
            abortNow(channel);
        } else {
            channel.eventLoop().execute(() -> abortNow(channel));
        }
    }

    private static void abortNow(Channel channel) {
        if (channel.isOpen()) {
            try {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (RuntimeException ignored) {
                // Not every channel type supports it; a plain close is the next best signal.
            }
            channel.close();
        }
    }
}
