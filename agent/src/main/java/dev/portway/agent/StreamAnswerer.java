package dev.portway.agent;

import dev.portway.relay.Splice;
import dev.portway.relay.Transport;
import dev.portway.relay.link.LinkHeaders;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import org.jboss.logging.Logger;

/**
 * Serves one stream an edge opened on a link: dials the upstream of the endpoint it names (on the link's event
 * loop, so the splice runs on one thread), answers {@code 200} and splices; or answers {@code 502} with the
 * reason when the endpoint is not bound here or its upstream cannot be reached, and the edge closes the client.
 * The client's first bytes wait in the stream's {@code HoldingHandler} meanwhile.
 */
final class StreamAnswerer extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(StreamAnswerer.class);

    private final Transport transport;
    private final Endpoints endpoints;

    StreamAnswerer(Transport transport, Endpoints endpoints) {
        this.transport = transport;
        this.endpoints = endpoints;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Http2HeadersFrame headers)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ctx.pipeline().remove(this);
        Http2StreamChannel stream = (Http2StreamChannel) ctx.channel();
        LinkHeaders.Open open;
        try {
            open = LinkHeaders.Open.of(headers.headers());
        } catch (IllegalArgumentException e) {
            refuse(stream, e.getMessage());
            return;
        }
        Endpoints.Servable target = endpoints.servable(open.endpointId());
        if (target == null) {
            refuse(stream, "endpoint " + open.endpointId() + " is not bound by this agent");
            return;
        }
        transport.client(null).clone(stream.eventLoop()).connect(target.upstream().toSocketAddress())
                .addListener((ChannelFutureListener) dialed -> {
                    Channel upstream = dialed.channel();
                    if (!dialed.isSuccess()) {
                        String reason = "upstream " + target.upstream() + " " + ConnectionOpener.describe(dialed.cause());
                        LOG.warnf("%s for %s (client %s)", reason, target.url(), open.clientAddress());
                        refuse(stream, reason);
                        return;
                    }
                    if (!stream.isActive()) {
                        upstream.close(); // the edge gave up on the client meanwhile
                        return;
                    }
                    stream.writeAndFlush(new DefaultHttp2HeadersFrame(LinkHeaders.connected()));
                    Splice.join(stream, upstream, new Splice.Observer() {
                        @Override
                        public void onClosed(Splice splice, Throwable cause) {
                            LOG.debugf("stream %d for %s (client %s) closed after %d bytes in, %d out%s",
                                    stream.stream().id(), target.url(), open.clientAddress(), splice.bytesAToB(),
                                    splice.bytesBToA(), cause == null ? "" : ": " + cause);
                        }
                    });
                });
    }

    private static void refuse(Http2StreamChannel stream, String reason) {
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(LinkHeaders.refused(reason), true))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
