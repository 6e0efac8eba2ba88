package dev.portway.relay;

import com.google.protobuf.CodedOutputStream;
import dev.portway.api.v1.DataPreamble;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The first bytes of every data connection: one {@link DataPreamble}, prefixed with its length as
 * a protobuf varint32 (the same framing as {@code writeDelimitedTo}). Read it with {@link
 * PreambleDecoder}.
 */
public final class Preamble {

    /** A preamble larger than this is refused: it carries ids and addresses only. */
    public static final int MAX_LENGTH = 4096;

    private Preamble() {}

    public static ByteBuf encode(ByteBufAllocator allocator, DataPreamble preamble) {
        int size = preamble.getSerializedSize();
        if (size > MAX_LENGTH) {
            throw new IllegalArgumentException("preamble of " + size + " bytes exceeds " + MAX_LENGTH);
        }
        ByteBuf buf = allocator.buffer(CodedOutputStream.computeUInt32SizeNoTag(size) + size);
        try {
            preamble.writeDelimitedTo(new ByteBufOutputStream(buf));
            return buf;
        } catch (IOException e) {
            buf.release();
            throw new UncheckedIOException(e);
        }
    }
}
