package dev.portway.relay.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;

/**
 * First in every stream channel of an {@link AgentLink}: makes a stream look like a TCP socket to the
 * handlers behind it, so {@code HoldingHandler} and {@code Splice} work on it unchanged.
 *
 * <ul>
 *   <li>a DATA frame's bytes go on as a {@link ByteBuf}; its END_STREAM flag as a
 *       {@link ChannelInputShutdownEvent} (a FIN), after the bytes;
 *   <li>a RST_STREAM from the peer goes on as a {@link StreamResetException} (a TCP reset);
 *   <li>a {@link ByteBuf} written goes out as a DATA frame; an empty one (the splice's "flush what
 *       is queued") writes nothing: frames of a stream leave in order anyway, and empty DATA frames
 *       count against the peer's limit on them.
 * </ul>
 *
 * Headers frames pass through both ways: the stream's opener and answerer read and write them.
 */
public final class StreamBytes extends ChannelDuplexHandler {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Http2DataFrame data)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf content = data.content(); // the frame's only reference: ownership passes on with it
        boolean endOfStream = data.isEndStream();
        if (content.isReadable()) {
            ctx.fireChannelRead(content);
        } else {
            content.release();
        }
        if (endOfStream) {
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Http2ResetFrame reset) {
            ctx.fireExceptionCaught(new StreamResetException(reset.errorCode()));
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            if (buf.isReadable()) {
                ctx.write(new DefaultHttp2DataFrame(buf), promise);
            } else {
                buf.release();
                promise.trySuccess();
            }
            return;
        }
        ctx.write(msg, promise);
    }
}
