package dev.portway.service.grpc;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads of the gRPC layer, kept apart from the Vert.x event loops.
 * <p>
 * Store calls block on disk (every write is an fsync), calls to other services on the network, and compiling
 * a policy takes milliseconds: none may run on an event loop. We hop to our own pool rather than use
 * {@code @Blocking}: the caller is read from the gRPC context in the service method on the calling thread,
 * which does not depend on context propagation across Quarkus's worker hop, and the bounded queue turns
 * overload into a clear UNAVAILABLE instead of unbounded waiting.
 */
final class ServiceExecutors implements AutoCloseable {

    /** The stores serialize on one connection, so a few threads suffice to overlap reads with an fsync. */
    private static final int CALL_THREADS = 4;
    private static final int CALL_QUEUE = 1024;
    private static final int WATCH_THREADS = 2;

    private final ThreadPoolExecutor calls;
    private final ExecutorService watchDispatch;

    /** @param threadPrefix names the threads {@code <prefix>-call-N} and {@code <prefix>-watch-N} */
    ServiceExecutors(String threadPrefix) {
        calls = new ThreadPoolExecutor(CALL_THREADS, CALL_THREADS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(CALL_QUEUE), named(threadPrefix + "-call"));
        watchDispatch = Executors.newFixedThreadPool(WATCH_THREADS, named(threadPrefix + "-watch"));
    }

    /** Runs store work; rejects with RejectedExecutionException when saturated. */
    ExecutorService calls() {
        return calls;
    }

    /** Sends Watch events; never blocks on the store. */
    ExecutorService watchDispatch() {
        return watchDispatch;
    }

    @Override
    public void close() {
        calls.shutdown();
        watchDispatch.shutdown();
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
