package dev.portway.edge;

import dev.portway.relay.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.resolver.NoopAddressResolverGroup;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Opens the edge's data connections to bridges, each on the event loop of the client it carries, so
 * both channels of a splice share one thread and nothing is handed across threads.
 */
final class BridgeDialer {

    private static final Logger LOG = Logger.getLogger(BridgeDialer.class);
    /** A bridge that keeps refusing is reported at most this often (each client is also counted as refused). */
    private static final long REPORT_EVERY_NANOS = 30_000_000_000L;

    private final Bootstrap template;
    private final Map<InetSocketAddress, Long> lastReported = new ConcurrentHashMap<>();

    BridgeDialer(Transport transport) {
        this.template = transport.client(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Nothing: the splice adds its handlers once the preamble is written.
                    }
                })
                // Data addresses are resolved by the control thread when a bridge's snapshot arrives;
                // the event loop must never wait for DNS.
                .resolver(NoopAddressResolverGroup.INSTANCE);
    }

    /** Connects to {@code dataAddress} from {@code loop}; the channel starts with reading off. */
    ChannelFuture dial(EventLoop loop, InetSocketAddress dataAddress) {
        return template.clone(loop).connect(dataAddress);
    }

    void reportFailure(String bridgeId, InetSocketAddress dataAddress, Throwable cause) {
        long now = System.nanoTime();
        Long last = lastReported.get(dataAddress);
        if (last == null || now - last > REPORT_EVERY_NANOS) {
            lastReported.put(dataAddress, now);
            LOG.warnf("cannot reach bridge %s at its data address %s (%s); its clients are refused until it answers",
                    bridgeId, SocketAddresses.format(dataAddress), cause == null ? "unknown error" : cause.toString());
        }
    }

    void reportSuccess(InetSocketAddress dataAddress) {
        if (!lastReported.isEmpty() && lastReported.remove(dataAddress) != null) {
            LOG.infof("bridge data address %s answers again", SocketAddresses.format(dataAddress));
        }
    }
}
