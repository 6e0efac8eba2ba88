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
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Serves one {@link OpenConnection}: dials the endpoint's upstream and the edge that holds the
 * client (its {@code data_address}) at once, on one event loop, writes the {@code agent_accept}
 * preamble and splices the two. When the upstream cannot be reached it tells the edge, with the
 * reason in {@code agent_accept.error}, so the client is closed at once instead of waiting for a
 * timeout. Never blocks: every step is a Netty callback.
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
     * Dials the upstream and the edge at once (on one event loop, so the splice runs on one thread):
     * the client waits for one connect instead of two in a row.
     *
     * @param endpointUrl the endpoint's URL, for log lines
     * @param failed receives why the connection could not be served (called on a Netty thread)
     */
    void open(OpenConnection request, HostPort upstream, String endpointUrl, HostPort dataAddress,
            Consumer<String> failed) {
        ChannelFuture upstreamDial = transport.connect(upstream.toSocketAddress(), NO_HANDLER);
        ChannelFuture edgeDial = transport.client(NO_HANDLER)
                .clone(upstreamDial.channel().eventLoop())
                .connect(dataAddress.toSocketAddress());
        // Exactly once, by whichever listener runs last. Checking isDone() on both would not do: a
        // future that completed before its listener was added (we are not on its loop) notifies later,
        // so both listeners could see both done and the preamble would go out twice.
        AtomicInteger dialing = new AtomicInteger(2);
        GenericFutureListener<Future<Void>> bothDialed = ignored -> {
            if (dialing.decrementAndGet() == 0) {
                dialed(request, upstreamDial, edgeDial, upstream, endpointUrl, dataAddress, failed);
            }
        };
        upstreamDial.addListener(bothDialed);
        edgeDial.addListener(bothDialed);
    }

    private void dialed(OpenConnection request, ChannelFuture upstreamDial, ChannelFuture edgeDial, HostPort upstream,
            String endpointUrl, HostPort dataAddress, Consumer<String> failed) {
        if (!edgeDial.isSuccess()) {
            upstreamDial.channel().close();
            String reason = "edge data address " + dataAddress + " " + describe(edgeDial.cause());
            LOG.warnf("%s for %s (client %s)", reason, endpointUrl, request.getClientAddress());
            failed.accept(reason);
            return;
        }
        Channel edge = edgeDial.channel();
        if (!upstreamDial.isSuccess()) {
            String reason = "upstream " + upstream + " " + describe(upstreamDial.cause());
            LOG.warnf("%s for %s (client %s)", reason, endpointUrl, request.getClientAddress());
            failed.accept(reason);
            // The edge closes the client at once instead of waiting for its dial timeout.
            edge.writeAndFlush(Preamble.encode(edge.alloc(), preamble(request, reason)))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        splice(request, edge, upstreamDial.channel(), endpointUrl);
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
