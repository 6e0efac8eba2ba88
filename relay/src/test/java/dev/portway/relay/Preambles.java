package dev.portway.relay;

import dev.portway.api.v1.AgentAccept;
import dev.portway.api.v1.DataPreamble;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;

/** Sample preambles and their bytes on the wire. */
final class Preambles {

    private Preambles() {}

    /** An agent telling the edge its upstream refused (every field set). */
    static DataPreamble agentRefusal() {
        return DataPreamble.newBuilder()
                .setAgentAccept(AgentAccept.newBuilder()
                        .setConnectionId("c_7f3a")
                        .setToken("t_refused")
                        .setError("upstream 127.0.0.1:5432 refused the connection"))
                .build();
    }

    static DataPreamble agentAccept() {
        return DataPreamble.newBuilder()
                .setAgentAccept(AgentAccept.newBuilder().setConnectionId("c_42").setToken("t_once"))
                .build();
    }

    static byte[] bytes(DataPreamble preamble) {
        ByteBuf buf = Preamble.encode(UnpooledByteBufAllocator.DEFAULT, preamble);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
