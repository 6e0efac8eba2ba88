package dev.portway.relay;

import dev.portway.api.v1.AgentAccept;
import dev.portway.api.v1.DataPreamble;
import dev.portway.api.v1.EdgeOpen;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;

/** Sample preambles and their bytes on the wire. */
final class Preambles {

    private Preambles() {}

    static DataPreamble edgeOpen() {
        return DataPreamble.newBuilder()
                .setEdgeOpen(EdgeOpen.newBuilder()
                        .setEndpointId("ep_7f3a")
                        .setClientAddress("203.0.113.9:51234")
                        .setServerAddress("198.51.100.4:20001")
                        .setServiceToken("service-token-for-tests"))
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
