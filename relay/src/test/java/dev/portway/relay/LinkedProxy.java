package dev.portway.relay;

import dev.portway.relay.link.AgentLink;
import dev.portway.relay.link.LinkHeaders;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Edge and agent in miniature, joined by one {@link AgentLink}: the "edge" accepts clients and opens a
 * stream per client, the "agent" dials {@code upstreamAddress} for each stream and answers, and each side
 * splices its socket to the stream, as the real ones do. Each side has its own one-thread transport.
 */
final class LinkedProxy implements AutoCloseable {

    /** One client connection: the edge's stream for it and how the agent answered. */
    static final class Connection implements Splice.Observer {
        final CompletableFuture<Http2StreamChannel> edgeStream = new CompletableFuture<>();
        /** Null when the agent connected the upstream, else its reason. */
        final CompletableFuture<String> refusal = new CompletableFuture<>();
        final CompletableFuture<Throwable> closed = new CompletableFuture<>();

        @Override
        public void onClosed(Splice splice, Throwable cause) {
            closed.complete(cause);
        }
    }

    private final Transport edge = Transport.create("edge", 1);
    private final Transport agent = Transport.create("agent", 1);
    private final InetSocketAddress upstreamAddress;
    private final Channel clientListener;
    private final Channel edgeLink;
    private final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();

    LinkedProxy(InetSocketAddress upstreamAddress) throws Exception {
        this.upstreamAddress = upstreamAddress;
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        Channel linkListener = edge.bind(loopback, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel link) {
                link.config().setAutoRead(false);
                AgentLink.startOpener(link, List.of());
                accepted.complete(link);
            }
        }, false).sync().channel();
        Channel agentLink = agent.connect(linkListener.localAddress(), null).sync().channel();
        agentLink.eventLoop().submit(() -> {
            agentLink.pipeline().remove(HoldingHandler.class);
            AgentLink.startAnswerer(agentLink, AgentSide::new);
        }).sync();
        this.edgeLink = Sockets.await(accepted, "the link");
        linkListener.close().sync();
        // Clients are accepted on the link's loop, as the edge moves them there.
        this.clientListener = edge.bind(loopback, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel client) {
                client.config().setAutoRead(false);
                client.pipeline().addLast(new HoldingHandler());
                openStream(client);
            }
        }, false).sync().channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) clientListener.localAddress();
    }

    Connection nextConnection() throws InterruptedException {
        Connection connection = connections.poll(Sockets.WAIT_SECONDS, TimeUnit.SECONDS);
        if (connection == null) {
            throw new AssertionError("the edge accepted no connection");
        }
        return connection;
    }

    /** The edge's end of the link. */
    Channel edgeLink() {
        return edgeLink;
    }

    @Override
    public void close() {
        clientListener.close().awaitUninterruptibly();
        edge.close();
        agent.close();
    }

    private void openStream(Channel client) {
        Connection connection = new Connection();
        connections.add(connection);
        AgentLink.openStream(edgeLink, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Http2HeadersFrame answer) {
                    ctx.pipeline().remove(this);
                    String refusal = LinkHeaders.refusal(answer.headers());
                    connection.refusal.complete(refusal);
                    if (refusal == null) {
                        Splice.join(client, ctx.channel(), connection);
                    } else {
                        client.close();
                    }
                    return;
                }
                ctx.fireChannelRead(msg);
            }
        }).addListener(opened -> {
            if (!opened.isSuccess()) {
                connection.edgeStream.completeExceptionally(opened.cause());
                client.close();
                return;
            }
            Http2StreamChannel stream = (Http2StreamChannel) opened.getNow();
            connection.edgeStream.complete(stream);
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(new LinkHeaders.Open("ep_test",
                    String.valueOf(client.remoteAddress()), String.valueOf(client.localAddress())).toHeaders()));
        });
    }

    /** The agent's handler of one stream: dial, answer, splice. */
    private final class AgentSide extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof Http2HeadersFrame open)) {
                ctx.fireChannelRead(msg);
                return;
            }
            ctx.pipeline().remove(this);
            LinkHeaders.Open.of(open.headers());
            Channel stream = ctx.channel();
            agent.client((ChannelHandler) null).clone(stream.eventLoop()).connect(upstreamAddress).addListener(dialed -> {
                Channel upstream = ((io.netty.channel.ChannelFuture) dialed).channel();
                if (!dialed.isSuccess()) {
                    stream.writeAndFlush(new DefaultHttp2HeadersFrame(LinkHeaders.refused("upstream refused"), true));
                    return;
                }
                stream.writeAndFlush(new DefaultHttp2HeadersFrame(LinkHeaders.connected()));
                Splice.join(stream, upstream, null);
            });
        }
    }
}
