package dev.portway.relay;

import static dev.portway.relay.Sockets.await;
import static dev.portway.relay.Sockets.inBackground;
import static dev.portway.relay.Sockets.readPattern;
import static dev.portway.relay.Sockets.writePattern;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reader that does not keep up must slow the writer down, not fill the relay's memory.
 *
 * <p>What is bounded: the bytes queued in the proxy for the slow side (its Netty write queue) stay
 * below the high water mark plus one socket read (the read that crossed the mark). Everything else
 * the proxy read sits in the kernel: its send buffer toward the slow side and the slow side's
 * receive buffer. Bytes beyond that stay with the writer, which blocks.
 */
class SpliceBackPressureTest {

    private static final long TOTAL = 32L << 20;
    /** The high water mark plus one read, plus Netty's per-message bookkeeping for that read. */
    private static final long QUEUE_BOUND = Transport.HIGH_WATER_MARK + 64 * 1024 + 1024;
    /** A kernel may queue one segment beyond its buffer size; loopback segments reach 64 KiB. */
    private static final long KERNEL_SLACK = 128 * 1024;
    /** Samples in a row with no byte read that show the proxy stopped reading. */
    private static final int STILL_SAMPLES = 50;

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldBoundQueuedBytesWhenReaderIsSlow(Wiring wiring) throws Exception {
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), new TestProxy.Options());
                Socket client = Sockets.connect(proxy.address())) {
            // Given an upstream that reads nothing yet
            Socket server = upstream.nextConnection();
            TestProxy.Connection connection = proxy.nextConnection();
            Splice splice = await(connection.spliced, "the splice");
            Channel slowSide = connection.upstreamChannel();

            // When the client writes 32 MiB as fast as it can
            CompletableFuture<Void> writer = inBackground("client-writer", () -> writePattern(client.getOutputStream(), TOTAL));

            // Then the proxy stops reading the client with its queue and the kernel buffers bounded
            assertProxyStallsBounded(wiring, connection.client, slowSide, splice::bytesAToB,
                    () -> server.getReceiveBufferSize());
            // And once the upstream reads, every byte arrives, in order, with the queue still bounded
            try (QueueSampler sampler = new QueueSampler(slowSide)) {
                readPattern(server.getInputStream(), TOTAL);
                await(writer, "the client's writes");
                sampler.assertStayedBelow(QUEUE_BOUND);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Wiring.class)
    void shouldBoundQueuedBytesWhenClientReadsSlowly(Wiring wiring) throws Exception {
        try (Upstream upstream = new Upstream();
                TestProxy proxy = new TestProxy(wiring, upstream.address(), new TestProxy.Options());
                Socket client = Sockets.connect(proxy.address())) {
            // Given a client that reads nothing yet
            Socket server = upstream.nextConnection();
            TestProxy.Connection connection = proxy.nextConnection();
            Splice splice = await(connection.spliced, "the splice");

            // When the upstream writes 32 MiB as fast as it can
            CompletableFuture<Void> writer = inBackground("upstream-writer", () -> writePattern(server.getOutputStream(), TOTAL));

            // Then the proxy stops reading the upstream with its queue and the kernel buffers bounded
            assertProxyStallsBounded(wiring, connection.upstreamChannel(), connection.client, splice::bytesBToA,
                    () -> client.getReceiveBufferSize());
            // And once the client reads, every byte arrives, in order
            try (QueueSampler sampler = new QueueSampler(connection.client)) {
                readPattern(client.getInputStream(), TOTAL);
                await(writer, "the upstream's writes");
                sampler.assertStayedBelow(QUEUE_BOUND);
            }
        }
    }

    /**
     * Samples until the proxy stopped reading {@code fastSide}; at every sample checks the queue
     * toward {@code slowSide} and that what the proxy read is all in that queue or in the kernel.
     */
    private static void assertProxyStallsBounded(Wiring wiring, Channel fastSide, Channel slowSide,
            LongSupplier bytesRead, IntSupplierWithIo slowReceiveBuffer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Sockets.WAIT_SECONDS);
        long lastRead = -1;
        int stillSamples = 0;
        while (stillSamples < STILL_SAMPLES) {
            if (System.nanoTime() > deadline) {
                fail("the proxy never stopped reading; it read " + bytesRead.getAsLong() + " bytes");
            }
            long read = bytesRead.getAsLong();
            long queued = TestProxy.Connection.pendingWriteBytes(slowSide);
            long kernel = kernelBytes(slowSide.config().getOption(ChannelOption.SO_SNDBUF), !wiring.epoll)
                    + kernelBytes(slowReceiveBuffer.get(), true);
            assertTrue(queued <= QUEUE_BOUND, "proxy queued " + queued + " bytes for the slow side");
            assertTrue(read <= queued + kernel + KERNEL_SLACK,
                    "proxy read " + read + " bytes; only " + queued + " queued and " + kernel + " in kernel buffers");
            stillSamples = read == lastRead ? stillSamples + 1 : 0;
            lastRead = read;
            Thread.sleep(5);
        }
        assertFalse(fastSide.config().isAutoRead(), "the proxy should have stopped reading the fast side");
    }

    /**
     * A socket buffer's size as the kernel enforces it. Linux reports twice the size set (the kernel
     * doubles it for bookkeeping), and the JDK halves what it reports to hide that; Netty's epoll
     * reports the kernel's number as it is.
     */
    private static long kernelBytes(int reported, boolean reportedByJdk) {
        return reportedByJdk ? 2L * reported : reported;
    }

    interface IntSupplierWithIo {
        int get() throws Exception;
    }

    /** Watches a channel's write queue from a test thread; keeps the largest size it saw. */
    private static final class QueueSampler implements AutoCloseable {
        private final AtomicLong largest = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread;

        QueueSampler(Channel channel) {
            thread = new Thread(() -> {
                while (running) {
                    largest.accumulateAndGet(TestProxy.Connection.pendingWriteBytes(channel), Math::max);
                    LockSupport.parkNanos(20_000);
                }
            }, "queue-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void assertStayedBelow(long bound) {
            assertTrue(largest.get() <= bound, "the proxy queued up to " + largest.get() + " bytes");
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
