package dev.portway.relay;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.portway.api.v1.DataPreamble;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads the one {@link DataPreamble} at the start of a data connection, passes it down the
 * pipeline, switches reading off and removes itself. Bytes that arrived behind the preamble are
 * passed down as {@link ByteBuf}s right after it (the next handler keeps them for the splice).
 *
 * <p>A connection that sends no complete preamble within the timeout, or a malformed or oversized
 * one, is closed: a data port must not hold sockets for strangers.
 */
public final class PreambleDecoder extends ByteToMessageDecoder {

    private final long timeoutMillis;
    private ScheduledFuture<?> timeout;
    private boolean decoded;

    public PreambleDecoder(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> {
            if (!decoded) {
                ctx.close();
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws IOException {
        if (decoded) {
            return; // leftovers are passed on when this handler is removed
        }
        in.markReaderIndex();
        int length = readVarint32(in);
        if (length < 0) {
            in.resetReaderIndex();
            return;
        }
        if (length > Preamble.MAX_LENGTH) {
            throw new CorruptedFrameException("preamble length " + length + " exceeds " + Preamble.MAX_LENGTH);
        }
        if (in.readableBytes() < length) {
            in.resetReaderIndex();
            return;
        }
        DataPreamble preamble;
        try {
            preamble = DataPreamble.parseFrom(new ByteBufInputStream(in.readSlice(length)));
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptedFrameException("malformed preamble", e);
        }
        decoded = true;
        timeout.cancel(false);
        ctx.channel().config().setAutoRead(false);
        out.add(preamble);
        ctx.pipeline().remove(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    /** Returns the varint, or -1 if it is not complete yet. */
    private static int readVarint32(ByteBuf in) {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!in.isReadable()) {
                return -1;
            }
            byte b = in.readByte();
            result |= (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new CorruptedFrameException("malformed preamble length");
    }
}
