package dev.portway.edge;

import dev.portway.api.v1.AgentAccept;
import dev.portway.api.v1.DataPreamble;
import dev.portway.api.v1.OpenRequest;
import dev.portway.relay.HoldingHandler;
import dev.portway.relay.Preamble;
import dev.portway.relay.Transport;
import dev.portway.relay.link.AgentLink;
import dev.portway.relay.link.LinkHeaders;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Plays the agent of every endpoint in tests, on plain sockets: for each {@link OpenRequest} the
 * bridge passes on, it dials the request's {@code data_address}, writes the {@code AgentAccept}
 * preamble the real agent writes (with the relay's {@link Preamble}) and echoes every byte, or
 * misbehaves as told.
 */
final class FakeAgent implements AutoCloseable {

    enum Behaviour {
        /** Dials in with the right id and token and echoes. */
        ECHO,
        /** Dials in with {@code error} set, as when its upstream refused, and sends nothing more. */
        UPSTREAM_REFUSED,
        /** Never dials in. */
        NEVER_DIAL,
        /** First dials in with a wrong token (recorded in {@link #imposters}), then as {@link #ECHO}. */
        IMPOSTER_FIRST,
        /** Answers with a link (the real agent's way) and echoes on every stream the edge opens on it. */
        LINK_ECHO,
        /** Answers with a link, but never answers a stream opened on it. */
        LINK_SILENT
    }

    /** What became of a data connection that should not have been accepted. */
    enum Outcome { CLOSED_BY_EDGE, GOT_BYTES }

    final List<OpenRequest> requests = new CopyOnWriteArrayList<>();
    final List<Outcome> imposters = new CopyOnWriteArrayList<>();
    /** What became of each data connection that carried an {@code error}. */
    final List<Outcome> refusals = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-agent");
        t.setDaemon(true);
        return t;
    });
    private volatile Behaviour behaviour = Behaviour.ECHO;
    private Transport transport;

    void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** The bridge told this agent about a client: answer it, on a thread of its own. */
    void open(OpenRequest request) {
        requests.add(request);
        Behaviour now = behaviour;
        threads.execute(() -> {
            try {
                answer(request, now);
            } catch (IOException e) {
                // the edge closed or reset the connection: what tests look at is recorded elsewhere
            }
        });
    }

    /**
     * Dials in for {@code request} with {@code token} (right or wrong) and reports whether the edge
     * closed the connection without a byte. Blocks; for connections the edge must not accept.
     */
    Outcome dialAs(OpenRequest request, String token) throws IOException {
        try (Socket data = dial(request, accept(request).setToken(token))) {
            return awaitEnd(data.getInputStream());
        }
    }

    private void answer(OpenRequest request, Behaviour how) throws IOException {
        switch (how) {
            case NEVER_DIAL -> { }
            case UPSTREAM_REFUSED -> {
                Socket data = dial(request, accept(request).setError("dial tcp 127.0.0.1:1: connection refused"));
                refusals.add(awaitEnd(data.getInputStream()));
                data.close();
            }
            case IMPOSTER_FIRST -> {
                imposters.add(dialAs(request, "0".repeat(request.getToken().length())));
                echo(dial(request, accept(request)));
            }
            case ECHO -> echo(dial(request, accept(request)));
            case LINK_ECHO -> link(request, EchoStream::new);
            case LINK_SILENT -> link(request, () -> new ChannelInboundHandlerAdapter());
        }
    }

    /** Dials in with {@code agent_accept{link: true}} and serves the edge's streams with {@code streams}. */
    private void link(OpenRequest request, Supplier<ChannelHandler> streams) {
        HostAndPort edge = HostAndPort.parse("data_address", request.getDataAddress());
        Channel link = transport().connect(new InetSocketAddress(edge.host(), edge.port()), null)
                .syncUninterruptibly().channel();
        link.eventLoop().execute(() -> {
            link.pipeline().get(HoldingHandler.class).discard();
            link.writeAndFlush(Preamble.encode(link.alloc(),
                    DataPreamble.newBuilder().setAgentAccept(accept(request).setLink(true)).build()));
            AgentLink.startAnswerer(link, streams);
        });
    }

    private synchronized Transport transport() {
        if (transport == null) {
            transport = Transport.create("fake-agent-io", 1);
        }
        return transport;
    }

    /** Answers 200, then echoes every byte and the FIN. */
    private static final class EchoStream extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame) {
                ctx.writeAndFlush(new DefaultHttp2HeadersFrame(LinkHeaders.connected()));
                HoldingHandler.Held held = ctx.pipeline().get(HoldingHandler.class).release();
                held.bytes().forEach(ctx::write);
                ctx.flush();
                if (held.finReceived()) {
                    ctx.writeAndFlush(new DefaultHttp2DataFrame(true));
                }
                ctx.channel().config().setAutoRead(true);
                return;
            }
            ctx.writeAndFlush(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                ctx.writeAndFlush(new DefaultHttp2DataFrame(true));
            }
        }
    }

    private static AgentAccept.Builder accept(OpenRequest request) {
        return AgentAccept.newBuilder().setConnectionId(request.getConnectionId()).setToken(request.getToken());
    }

    private Socket dial(OpenRequest request, AgentAccept.Builder accept) throws IOException {
        HostAndPort edge = HostAndPort.parse("data_address", request.getDataAddress());
        Socket data = new Socket();
        sockets.add(data);
        data.connect(new InetSocketAddress(edge.host(), edge.port()), 5_000);
        data.setSoTimeout(30_000);
        ByteBuf preamble = Preamble.encode(UnpooledByteBufAllocator.DEFAULT, DataPreamble.newBuilder().setAgentAccept(accept).build());
        try {
            data.getOutputStream().write(ByteBufUtil.getBytes(preamble));
        } finally {
            preamble.release();
        }
        return data;
    }

    /** Echoes until the edge passes the client's FIN on, then ends its own direction and closes. */
    private static void echo(Socket data) throws IOException {
        try (data) {
            InputStream in = data.getInputStream();
            OutputStream out = data.getOutputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
            data.shutdownOutput();
        }
    }

    private static Outcome awaitEnd(InputStream in) throws IOException {
        try {
            return in.read() < 0 ? Outcome.CLOSED_BY_EDGE : Outcome.GOT_BYTES;
        } catch (SocketException reset) {
            return Outcome.CLOSED_BY_EDGE;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        synchronized (this) {
            if (transport != null) {
                transport.close();
            }
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
