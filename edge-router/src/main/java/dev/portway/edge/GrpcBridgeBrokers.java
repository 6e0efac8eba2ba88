package dev.portway.edge;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import dev.portway.api.v1.ConnectionBrokerGrpc;
import dev.portway.api.v1.OpenRequest;
import dev.portway.api.v1.OpenResponse;
import io.grpc.Status;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@link BridgeBrokers} over gRPC: one future stub per bridge, on the channel its {@link
 * BridgeWatch} already uses (one HTTP/2 connection per bridge, carrying the service token). Each
 * call gets a deadline, so a bridge that hangs fails calls instead of piling them up.
 */
final class GrpcBridgeBrokers implements BridgeBrokers {

    private static final Logger LOG = Logger.getLogger(GrpcBridgeBrokers.class);
    /** A failing bridge is reported at most this often (each client is also counted as refused). */
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Map<String, Broker> byTarget = new HashMap<>();
    private final long deadlineMillis;
    /** Set when the edge stops: calls then fail because their channels close, which says nothing about bridges. */
    private volatile boolean stopping;

    /** @param stubs by bridge target, each already carrying the service token */
    GrpcBridgeBrokers(Map<String, ConnectionBrokerGrpc.ConnectionBrokerFutureStub> stubs, Duration deadline) {
        // Answers are handled on the channel's own event loop: the callbacks only hop onto the client's
        // loop, so handing them to gRPC's default executor first would cost a thread wake-up per connection.
        stubs.forEach((target, stub) -> byTarget.put(target,
                new Broker(target, stub.withExecutor(MoreExecutors.directExecutor()))));
        this.deadlineMillis = Math.max(1, deadline.toMillis());
    }

    /** Call before the gRPC channels shut down. */
    void stopping() {
        stopping = true;
    }

    @Override
    public ListenableFuture<OpenResponse> open(String bridgeTarget, OpenRequest request) {
        Broker broker = byTarget.get(bridgeTarget);
        if (broker == null) {
            // Routes only name configured bridges; this would be a bug, not a condition to report.
            return Futures.immediateFailedFuture(Status.INTERNAL
                    .withDescription("no configured bridge " + bridgeTarget).asRuntimeException());
        }
        ListenableFuture<OpenResponse> call = broker.stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).open(request);
        Futures.addCallback(call, broker, MoreExecutors.directExecutor());
        return call;
    }

    /** One bridge's stub, and whether its failures were reported lately. */
    private final class Broker implements FutureCallback<OpenResponse> {
        private final String target;
        private final ConnectionBrokerGrpc.ConnectionBrokerFutureStub stub;
        /** When a failure was last reported; 0 while the bridge answers. */
        private final AtomicLong lastReported = new AtomicLong();

        Broker(String target, ConnectionBrokerGrpc.ConnectionBrokerFutureStub stub) {
            this.target = target;
            this.stub = stub;
        }

        @Override
        public void onSuccess(OpenResponse response) {
            if (lastReported.get() != 0 && lastReported.getAndSet(0) != 0) {
                LOG.infof("bridge %s opens connections again", target);
            }
        }

        @Override
        public void onFailure(Throwable t) {
            Status status = Status.fromThrowable(t);
            if (stopping || status.getCode() == Status.Code.NOT_FOUND || status.getCode() == Status.Code.CANCELLED) {
                // NOT_FOUND: the endpoint went offline as the client arrived, the watch will say so.
                // CANCELLED: the edge is stopping. Neither says anything about the bridge.
                return;
            }
            long now = System.nanoTime();
            long last = lastReported.get();
            if ((last == 0 || now - last > REPORT_EVERY_NANOS) && lastReported.compareAndSet(last, now == 0 ? 1 : now)) {
                LOG.warnf("bridge %s cannot open connections (%s); its clients are refused until it can",
                        target, describe(status));
            }
        }

        private static String describe(Status status) {
            return status.getDescription() == null ? status.getCode().toString()
                    : status.getCode() + ": " + status.getDescription();
        }
    }
}
