package dev.portway.relay;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.portway.api.v1.DataPreamble;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reads the one {@link DataPreamble} at the start of a data connection, passes it down the
 * pipeline, switches reading off and removes itself. Bytes that arrived behind the preamble are
 * passed down as {@link ByteBuf}s right after it (the next handler, a {@link HoldingHandler}, keeps
 * them for the splice).
 *
 * <p>A connection is closed, and nothing is passed down, if it sends no complete preamble within
 * the timeout, ends (FIN) before one is complete, or sends a malformed, oversized or empty one
 * (neither {@code edge_open} nor {@code agent_accept}): a data port must not hold sockets for
 * strangers.
 */
public final class PreambleDecoder extends ByteToMessageDecoder {

    private static final Logger LOG = Logger.getLogger(PreambleDecoder.class);
    /** A varint32 takes at most five bytes. */
    private static final int MAX_VARINT32_BYTES = 5;
    private static final long INCOMPLETE = -1;

    private final long timeoutMillis;
    private ScheduledFuture<?> timeout;
    private boolean decoded;
    private boolean rejected;

    public PreambleDecoder(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isRegistered()) {
            startTimeout(ctx);
        }
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) throws Exception {
        startTimeout(ctx);
        super.channelRegistered(ctx);
    }

    private void startTimeout(ChannelHandlerContext ctx) {
        if (timeout == null) {
            timeout = ctx.executor().schedule(() -> {
                if (!decoded) {
                    reject(ctx, "no preamble within " + timeoutMillis + " ms");
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws IOException {
        if (rejected) {
            in.skipBytes(in.readableBytes()); // closing: no byte of a stranger goes down the pipeline
            return;
        }
        if (decoded) {
            return; // leftovers are passed on when this handler is removed
        }
        int start = in.readerIndex();
        long length = readLength(in);
        if (length == INCOMPLETE) {
            in.readerIndex(start);
            return;
        }
        if (length > Preamble.MAX_LENGTH) {
            reject(ctx, "preamble length " + length + " exceeds " + Preamble.MAX_LENGTH);
            return;
        }
        if (in.readableBytes() < length) {
            in.readerIndex(start);
            return;
        }
        DataPreamble preamble;
        try {
            preamble = DataPreamble.parseFrom(new ByteBufInputStream(in.readSlice((int) length)));
        } catch (InvalidProtocolBufferException e) {
            reject(ctx, "malformed preamble: " + e.getMessage());
            return;
        }
        if (preamble.getKindCase() == DataPreamble.KindCase.KIND_NOT_SET) {
            reject(ctx, "preamble is neither edge_open nor agent_accept");
            return;
        }
        decoded = true;
        timeout.cancel(false);
        ctx.channel().config().setAutoRead(false);
        out.add(preamble);
        ctx.pipeline().remove(this);
    }

    /** The stream ended (FIN, or closed): a preamble still incomplete now never completes. */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (in.isReadable()) {
            decode(ctx, in, out);
        }
        if (!decoded && !rejected) {
            reject(ctx, "connection ended before its preamble");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        reject(ctx, cause.toString()); // a read error before the preamble: the stranger is gone
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    private void reject(ChannelHandlerContext ctx, String why) {
        if (!rejected) {
            rejected = true;
            LOG.debugf("closing data connection from %s: %s", ctx.channel().remoteAddress(), why);
        }
        ctx.close();
    }

    /**
     * Returns the length prefix, or {@link #INCOMPLETE}. Read as a long so that no malformed prefix
     * can wrap around into a small or sentinel value: anything over five bytes or over 32 bits comes
     * back too large.
     */
    private static long readLength(ByteBuf in) {
        long result = 0;
        for (int i = 0; i < MAX_VARINT32_BYTES; i++) {
            if (!in.isReadable()) {
                return INCOMPLETE;
            }
            byte b = in.readByte();
            result |= (long) (b & 0x7f) << (7 * i);
            if (b >= 0) {
                return result;
            }
        }
        return Long.MAX_VALUE; // a sixth byte would follow: no varint32 is that long
    }
}
