package dev.portway.bridge.it;

import dev.portway.api.v1.Endpoint;
import dev.portway.api.v1.EndpointDirectoryGrpc;
import dev.portway.api.v1.EndpointEvent;
import dev.portway.api.v1.WatchEndpointsRequest;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** What edges see: the bridge's {@code EndpointDirectory.Watch} snapshot, read with the service token. */
final class Directory {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private Directory() {}

    /** The endpoints online on the bridge now. */
    static List<Endpoint> online(Channel channel) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + BridgeTestConfig.SERVICE_TOKEN);
        Context.CancellableContext watch = Context.current().withCancellation();
        try {
            return watch.call(() -> {
                Iterator<EndpointEvent> events = EndpointDirectoryGrpc.newBlockingStub(channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                        .withDeadlineAfter(AgentClient.WAIT_SECONDS, TimeUnit.SECONDS)
                        .watch(WatchEndpointsRequest.getDefaultInstance());
                return events.next().getSnapshot().getEndpointsList();
            });
        } catch (Exception e) {
            throw new AssertionError("could not read the bridge's directory", e);
        } finally {
            watch.cancel(null);
        }
    }

    /** The online endpoints of {@code account}. */
    static List<Endpoint> online(Channel channel, String account) {
        return online(channel).stream().filter(e -> e.getAccount().equals(account)).toList();
    }

    /** Waits (bounded) until the online endpoints of {@code account} satisfy {@code condition}. */
    static List<Endpoint> awaitOnline(Channel channel, String account, Predicate<List<Endpoint>> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AgentClient.WAIT_SECONDS);
        List<Endpoint> now = online(channel, account);
        while (!condition.test(now)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the endpoints of " + account + " did not reach the expected state within "
                        + AgentClient.WAIT_SECONDS + " s; online: " + now);
            }
            Thread.sleep(20);
            now = online(channel, account);
        }
        return now;
    }
}
