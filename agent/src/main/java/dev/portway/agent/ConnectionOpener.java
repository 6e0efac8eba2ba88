package dev.portway.agent;

import dev.portway.api.v1.AgentAccept;
import dev.portway.api.v1.DataPreamble;
import dev.portway.api.v1.OpenConnection;
import dev.portway.relay.Preamble;
import dev.portway.relay.Splice;
import dev.portway.relay.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Serves one {@link OpenConnection}: dials the endpoint's upstream, then the bridge's data address
 * (on the upstream channel's event loop, so the splice runs on one thread), writes the {@code
 * agent_accept} preamble and splices the two. Never blocks: every step is a Netty callback.
 */
final class ConnectionOpener {

    private static final Logger LOG = Logger.getLogger(ConnectionOpener.class);

    /**
     * Bootstraps need a handler; the splice adds the real one. Sharable: one instance serves every
     * channel.
     */
    @ChannelHandler.Sharable
    private static final class NoHandler extends ChannelInboundHandlerAdapter {}

    private static final ChannelHandler NO_HANDLER = new NoHandler();

    private final Transport transport;

    ConnectionOpener(Transport transport) {
        this.transport = transport;
    }

    /**
     * @param endpointUrl the endpoint's URL, for log lines
     * @param failed receives why the connection could not be served (called on a Netty thread)
     */
    void open(OpenConnection request, HostPort upstream, String endpointUrl, HostPort dataAddress,
            Consumer<String> failed) {
        transport.connect(upstream.toSocketAddress(), NO_HANDLER).addListener((ChannelFuture dialed) -> {
            if (!dialed.isSuccess()) {
                String reason = "upstream " + upstream + " " + describe(dialed.cause());
                LOG.warnf("%s for %s (client %s)", reason, endpointUrl, request.getClientAddress());
                failed.accept(reason);
                return;
            }
            dialBridge(request, dialed.channel(), endpointUrl, dataAddress, failed);
        });
    }

    private void dialBridge(OpenConnection request, Channel upstream, String endpointUrl, HostPort dataAddress,
            Consumer<String> failed) {
        transport.client(NO_HANDLER)
                .clone(upstream.eventLoop())
                .connect(dataAddress.toSocketAddress())
                .addListener((ChannelFuture dialed) -> {
                    if (!dialed.isSuccess()) {
                        upstream.close();
                        String reason = "bridge data address " + dataAddress + " " + describe(dialed.cause());
                        LOG.warnf("%s for %s (client %s)", reason, endpointUrl, request.getClientAddress());
                        failed.accept(reason);
                        return;
                    }
                    splice(request, dialed.channel(), upstream, endpointUrl);
                });
    }

    private static void splice(OpenConnection request, Channel bridge, Channel upstream, String endpointUrl) {
        DataPreamble preamble = DataPreamble.newBuilder()
                .setAgentAccept(AgentAccept.newBuilder()
                        .setConnectionId(request.getConnectionId())
                        .setToken(request.getToken()))
                .build();
        // Written before the splice starts, so it goes out ahead of every upstream byte.
        bridge.writeAndFlush(Preamble.encode(bridge.alloc(), preamble)).addListener(written -> {
            if (!written.isSuccess()) {
                Transport.abort(bridge);
                Transport.abort(upstream);
            }
        });
        Splice.join(bridge, upstream, new Splice.Observer() {
            @Override
            public void onClosed(Splice splice, Throwable cause) {
                LOG.debugf("connection %s for %s (client %s) closed after %d bytes in, %d out%s",
                        request.getConnectionId(), endpointUrl, request.getClientAddress(), splice.bytesAToB(),
                        splice.bytesBToA(), cause == null ? "" : ": " + cause);
            }
        });
    }

    /** Why a dial failed, in words for a log line: "refused the connection", ... */
    static String describe(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return "did not answer in time (" + cause.getMessage() + ")";
        }
        if (cause instanceof ConnectException && cause.getMessage() != null
                && cause.getMessage().toLowerCase().contains("refused")) {
            return "refused the connection";
        }
        return "could not be reached (" + cause + ")";
    }
}
