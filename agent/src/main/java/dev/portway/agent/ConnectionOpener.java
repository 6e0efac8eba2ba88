package dev.portway.agent;

import dev.portway.api.v1.AgentAccept;
import dev.portway.api.v1.DataPreamble;
import dev.portway.api.v1.OpenConnection;
import dev.portway.relay.Preamble;
import dev.portway.relay.Splice;
import dev.portway.relay.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Serves one {@link OpenConnection}: dials the endpoint's upstream, then the edge that holds the
 * client (its {@code data_address}, on the upstream channel's event loop, so the splice runs on one
 * thread), writes the {@code agent_accept} preamble and splices the two. When the upstream cannot
 * be reached it still dials the edge, with the reason in {@code agent_accept.error}, so the client
 * is closed at once instead of waiting for a timeout. Never blocks: every step is a Netty callback.
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
                tellEdge(request, dataAddress, reason);
                return;
            }
            dialEdge(request, dialed.channel(), endpointUrl, dataAddress, failed);
        });
    }

    private void dialEdge(OpenConnection request, Channel upstream, String endpointUrl, HostPort dataAddress,
            Consumer<String> failed) {
        transport.client(NO_HANDLER)
                .clone(upstream.eventLoop())
                .connect(dataAddress.toSocketAddress())
                .addListener((ChannelFuture dialed) -> {
                    if (!dialed.isSuccess()) {
                        upstream.close();
                        String reason = "edge data address " + dataAddress + " " + describe(dialed.cause());
                        LOG.warnf("%s for %s (client %s)", reason, endpointUrl, request.getClientAddress());
                        failed.accept(reason);
                        return;
                    }
                    splice(request, dialed.channel(), upstream, endpointUrl);
                });
    }

    /** Dials the edge only to say the upstream failed; the edge closes the client. */
    private void tellEdge(OpenConnection request, HostPort dataAddress, String reason) {
        transport.connect(dataAddress.toSocketAddress(), NO_HANDLER).addListener((ChannelFuture dialed) -> {
            if (dialed.isSuccess()) {
                Channel edge = dialed.channel();
                edge.writeAndFlush(Preamble.encode(edge.alloc(), preamble(request, reason)))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    private static DataPreamble preamble(OpenConnection request, String error) {
        return DataPreamble.newBuilder()
                .setAgentAccept(AgentAccept.newBuilder()
                        .setConnectionId(request.getConnectionId())
                        .setToken(request.getToken())
                        .setError(error))
                .build();
    }

    private static void splice(OpenConnection request, Channel edge, Channel upstream, String endpointUrl) {
        // Written before the splice starts, so it goes out ahead of every upstream byte.
        edge.writeAndFlush(Preamble.encode(edge.alloc(), preamble(request, ""))).addListener(written -> {
            if (!written.isSuccess()) {
                Transport.abort(edge);
                Transport.abort(upstream);
            }
        });
        Splice.join(edge, upstream, new Splice.Observer() {
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
