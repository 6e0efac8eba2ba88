package dev.portway.edge;

import dev.portway.api.v1.DataPreamble;
import dev.portway.api.v1.EdgeOpen;
import dev.portway.relay.PreambleDecoder;
import dev.portway.relay.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Plays a bridge's data port in tests: reads the edge's preamble with the relay's {@link
 * PreambleDecoder}, keeps it for inspection, then echoes every byte back.
 */
final class EchoDataListener implements AutoCloseable {

    private final Transport transport = Transport.create("test-bridge-data", 1);
    private final Queue<DataPreamble> preambles = new ConcurrentLinkedQueue<>();
    private final Channel server;

    EchoDataListener() {
        server = transport.bind(new InetSocketAddress("127.0.0.1", 0), new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new PreambleDecoder(10_000), new Echo());
            }
        }, false).syncUninterruptibly().channel();
    }

    String address() {
        InetSocketAddress local = (InetSocketAddress) server.localAddress();
        return "127.0.0.1:" + local.getPort();
    }

    /**
     * The preamble of the edge's data connection for the client whose source port is {@code clientPort}
     * (other connections, such as probes, may have come first); fails the test if none comes.
     */
    EdgeOpen edgeOpenFor(int clientPort) {
        String suffix = ":" + clientPort;
        Eventually.await("a preamble for client port " + clientPort + " arrived",
                () -> preambles.stream().anyMatch(p -> p.getEdgeOpen().getClientAddress().endsWith(suffix)));
        return preambles.stream().map(DataPreamble::getEdgeOpen)
                .filter(o -> o.getClientAddress().endsWith(suffix)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        transport.close();
    }

    private final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DataPreamble preamble) {
                preambles.add(preamble);
                ctx.channel().config().setAutoRead(true); // the decoder paused reading after the preamble
            } else if (msg instanceof ByteBuf bytes) {
                ctx.writeAndFlush(bytes);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                ctx.close(); // the edge passed the client's FIN on: the echo is done
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
