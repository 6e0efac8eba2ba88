package dev.portway.edge;

import dev.portway.relay.HoldingHandler;
import dev.portway.relay.PreambleDecoder;
import dev.portway.relay.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Where agents dial in, one TCP connection per client connection: each starts with a {@code
 * DataPreamble{agent_accept{connection_id, token, error}}} naming the client it answers (see {@link
 * AgentAcceptHandler}).
 *
 * <p>Binds asynchronously; a bind that fails (port in use) is logged and tried again every
 * {@code retryInterval}, and the edge is not ready meanwhile. Bind state is owned by the control
 * thread; {@link #advertisedAddress()} may be read from anywhere.
 */
final class AgentDataListener {

    private static final Logger LOG = Logger.getLogger(AgentDataListener.class);
    /** Time an agent has to send its preamble after connecting: it has it ready before it dials. */
    private static final long PREAMBLE_TIMEOUT_MILLIS = 10_000;

    private final Transport transport;
    private final InetSocketAddress bindAddress;
    private final AdvertisedDataAddress advertised;
    private final ScheduledExecutorService control;
    private final long retryMillis;
    private final ChannelInitializer<Channel> initializer;
    private volatile String advertisedAddress;
    private volatile String bindFailure;
    private Channel server;
    private int failures;
    private boolean closed;

    AgentDataListener(Transport transport, InetSocketAddress bindAddress, AdvertisedDataAddress advertised,
                      PendingConnections pending, AgentLinks links, ScheduledExecutorService control,
                      Duration retryInterval) {
        this.transport = transport;
        this.bindAddress = bindAddress;
        this.advertised = advertised;
        this.control = control;
        this.retryMillis = Math.max(100, retryInterval.toMillis());
        this.initializer = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new PreambleDecoder(PREAMBLE_TIMEOUT_MILLIS), new HoldingHandler(),
                        new AgentAcceptHandler(pending, links));
            }
        };
    }

    void start() {
        post(this::bind);
    }

    /** "host:port" agents dial, or null while not bound. */
    String advertisedAddress() {
        return advertisedAddress;
    }

    /** Why the last bind failed, or null. */
    String bindFailure() {
        return bindFailure;
    }

    /** The local IP:port this listener was configured for (port 0: any). */
    InetSocketAddress bindAddress() {
        return bindAddress;
    }

    /** Stops listening; agent connections already spliced stay. Call on the control thread. */
    void close() {
        closed = true;
        advertisedAddress = null;
        if (server != null) {
            server.close();
        }
    }

    private void bind() {
        if (closed) {
            return;
        }
        transport.bind(bindAddress, initializer, false)
                .addListener((ChannelFutureListener) future -> post(() -> bindDone(future)));
    }

    private void bindDone(ChannelFuture future) {
        if (closed) {
            future.channel().close();
            return;
        }
        if (!future.isSuccess()) {
            failures++;
            bindFailure = String.valueOf(future.cause() == null ? "unknown" : future.cause().getMessage());
            if (failures == 1) {
                LOG.errorf("cannot listen for agent data connections on %s: %s. Clients cannot be served; retrying every %d ms",
                        SocketAddresses.format(bindAddress), bindFailure, retryMillis);
            } else {
                LOG.debugf("still cannot listen for agent data connections on %s (attempt %d): %s",
                        SocketAddresses.format(bindAddress), failures, bindFailure);
            }
            control.schedule(this::bind, retryMillis, TimeUnit.MILLISECONDS);
            return;
        }
        server = future.channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        bindFailure = null;
        advertisedAddress = advertised.withBoundPort(port);
        LOG.infof("listening for agent data connections on %s; agents dial %s",
                SocketAddresses.format(server.localAddress()), advertisedAddress);
    }

    private void post(Runnable task) {
        try {
            control.execute(task);
        } catch (RejectedExecutionException stopping) {
            // the edge is stopping
        }
    }
}
