package dev.portway.relay.link;

import dev.portway.relay.HoldingHandler;
import dev.portway.relay.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.WeightedFairQueueByteDistributor;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.Future;
import java.util.List;
import java.util.function.Supplier;

/**
 * One long-lived TCP connection between an agent and an edge that carries many client connections, each as
 * a stream of HTTP/2 (Netty's codec): the edge opens a stream per client (a {@link LinkHeaders.Open}
 * {@code CONNECT}), the agent dials the endpoint's upstream and answers. A new client then costs the edge
 * and the agent one stream each instead of a new TCP connection and a round trip through the bridge.
 *
 * <p>Each stream behaves like the TCP connection it replaces: its own flow control (a paused reader stops
 * taking a stream's bytes after {@link #STREAM_WINDOW}, while the link's other streams keep flowing:
 * the connection-wide window is made so large it never binds), half-close (END_STREAM), reset
 * (RST_STREAM), all mapped by {@link StreamBytes} so the relay's {@code Splice} joins a stream to a socket
 * unchanged. The link itself closes on a FIN: half a link is no use.
 *
 * <p>The edge is HTTP/2's client (it opens streams) although the agent dialed the TCP connection: the
 * agent writes its {@code agent_accept} preamble first, then both sides start here.
 */
public final class AgentLink {

    /**
     * What one stream may have in flight unread: what a paused reader can be made to hold per stream. Large
     * enough that a bulk transfer is not held up waiting for WINDOW_UPDATEs across two event loops.
     */
    public static final int STREAM_WINDOW = 16 * Transport.MAX_READ_BYTES;
    /** One socket read fits one DATA frame. */
    public static final int MAX_FRAME_SIZE = Transport.MAX_READ_BYTES;
    /** Never the bottleneck: each stream's window bounds memory, a shared one would let one slow reader stall all. */
    static final int CONNECTION_WINDOW = 1 << 30;
    /** The largest single read of a link. */
    private static final int LINK_MAX_READ_BYTES = 4 * Transport.MAX_READ_BYTES;
    /** At most this many streams' flushes wait for the end of an event-loop turn before the link is written. */
    private static final int FLUSHES_PER_WRITE = 64;

    private AgentLink() {}

    /**
     * The edge's end. Call on the link's event loop with reading off.
     *
     * @param held bytes the link read behind the preamble (the agent's SETTINGS may be among them);
     *     ownership passes to the link
     */
    public static void startOpener(Channel link, List<ByteBuf> held) {
        start(link, new LinkCodecBuilder(false), new RefuseStreams(), held);
    }

    /**
     * The agent's end. Call on the link's event loop, after the preamble was written.
     *
     * @param streamHandler makes the last handler of each stream the edge opens; it sees the
     *     {@code Http2HeadersFrame} of a {@link LinkHeaders.Open}, then, held until a splice takes them,
     *     the client's bytes
     */
    public static void startAnswerer(Channel link, Supplier<ChannelHandler> streamHandler) {
        start(link, new LinkCodecBuilder(true), new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.config().setWriteBufferWaterMark(Transport.waterMark());
                stream.pipeline().addLast(new StreamBytes(), new HoldingHandler(), streamHandler.get());
            }
        }, List.of());
    }

    /**
     * Opens a stream on the edge's end; its pipeline gets a {@link StreamBytes} and a {@link HoldingHandler}
     * ahead of {@code handler}. Write the {@link LinkHeaders.Open} first.
     */
    public static Future<Http2StreamChannel> openStream(Channel link, ChannelHandler handler) {
        return new Http2StreamChannelBootstrap(link)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, Transport.waterMark())
                .handler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline().addLast(new StreamBytes(), new HoldingHandler(), handler);
                    }
                })
                .open();
    }

    private static void start(Channel link, Http2FrameCodecBuilder builder, ChannelHandler inboundStreams,
            List<ByteBuf> held) {
        link.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
        // A link carries many streams: reading it in bigger bites saves system calls (a stream's own bytes
        // are still bounded by its window, not by this).
        link.config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(64, 2048, LINK_MAX_READ_BYTES));
        Http2FrameCodec codec = builder
                .initialSettings(Http2Settings.defaultSettings()
                        .initialWindowSize(STREAM_WINDOW)
                        .maxFrameSize(MAX_FRAME_SIZE))
                // A reset stream is an ordinary event here (a client or upstream reset its connection),
                // not the "rapid reset" attack these limits guard a web server against.
                .decoderEnforceMaxRstFramesPerWindow(0, 0)
                .encoderEnforceMaxRstFramesPerWindow(0, 0)
                .build();
        link.pipeline()
                // Frames of many streams written in one turn of the event loop leave in one system call.
                .addLast("flushes", new FlushConsolidationHandler(FLUSHES_PER_WRITE, true))
                .addLast("h2", codec)
                .addLast("streams", new Http2MultiplexHandler(inboundStreams));
        try {
            codec.connection().local().flowController().incrementWindowSize(codec.connection().connectionStream(),
                    CONNECTION_WINDOW - Http2CodecUtil.DEFAULT_WINDOW_SIZE);
        } catch (Http2Exception e) {
            throw new IllegalStateException("cannot widen the agent link's connection window", e);
        }
        for (ByteBuf buf : held) {
            link.pipeline().fireChannelRead(buf);
        }
        link.pipeline().fireChannelReadComplete();
        link.config().setAutoRead(true);
    }

    /**
     * Netty's HTTP/2 codec, with two changes: when several streams have bytes to send, each gets up to a whole
     * frame per turn instead of Netty's default 1 KiB, which chopped bulk transfers on a shared link into
     * 1 KiB frames (8 parallel transfers ran at a fifth of one); and the client's address is never indexed.
     */
    private static final class LinkCodecBuilder extends Http2FrameCodecBuilder {
        LinkCodecBuilder(boolean server) {
            DefaultHttp2Connection connection = new DefaultHttp2Connection(server);
            WeightedFairQueueByteDistributor distributor = new WeightedFairQueueByteDistributor(connection);
            distributor.allocationQuantum(MAX_FRAME_SIZE);
            connection.remote().flowController(new DefaultHttp2RemoteFlowController(connection, distributor));
            connection(connection);
            gracefulShutdownTimeoutMillis(0);
            // The client's address differs on every stream: indexing it in HPACK's dynamic table would evict an
            // entry and add one per stream for nothing. Sent as a literal instead; the repeated headers stay indexed.
            headerSensitivityDetector((name, value) -> LinkHeaders.CLIENT.contentEqualsIgnoreCase(name));
        }
    }

    /** On the edge: agents never open streams. */
    @ChannelHandler.Sharable
    private static final class RefuseStreams extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.close(); // a RST_STREAM to the agent
        }
    }
}
