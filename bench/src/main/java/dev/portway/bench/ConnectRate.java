package dev.portway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * New connections: {@code threads} client threads each open a connection, send one byte, read the
 * echo, close, for a fixed total count. For each connection, the time from the start of
 * {@code connect} to the first echoed byte: through Portway that spans the whole setup (edge
 * accepts, opens a stream on the agent's link, the agent dials the upstream and answers), which a
 * bare {@code connect} would not (the edge's kernel completes the handshake at once).
 * The rate is connections completed per second of wall time; every failure (refused, reset, wrong
 * byte, 5 s without an answer) is counted, never retried.
 *
 * <p>The client is a blocking {@link SocketChannel}: six system calls per connection (socket,
 * setsockopt, connect, write, read, close). A {@code java.net.Socket} with connect and read
 * timeouts, as this class used before, makes each of those a non-blocking call plus a poll and
 * flips the descriptor's mode around each (about 22 calls): measured on this 2-core machine it cost
 * 200-340 µs of CPU per connection against 95-150 µs, CPU the client takes from the paths it
 * measures, since they share the machine. Timeouts are kept by a sweeper instead ({@link
 * InFlight}), which closes a connection that has not finished within 5 s.
 */
final class ConnectRate {

    record Result(long p50Nanos, long p99Nanos, double perSecond, int completed, int errors, String firstError) {
    }

    private static final long TIMEOUT_NANOS = 5_000_000_000L;
    /** How often the sweeper looks: a timeout ends up to this much late. */
    private static final long SWEEP_MILLIS = 100;

    private ConnectRate() {
    }

    static Result run(int port, int total, int threads, long deadlineMillis) throws InterruptedException {
        return run(port, total, threads, deadlineMillis, TIMEOUT_NANOS);
    }

    /** As {@link #run(int, int, int, long)}, with a connection that has not echoed after {@code timeoutNanos} an error. */
    static Result run(int port, int total, int threads, long deadlineMillis, long timeoutNanos) throws InterruptedException {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
        long deadline = System.currentTimeMillis() + deadlineMillis;
        AtomicInteger errors = new AtomicInteger();
        String[] firstError = new String[1];
        long[][] perThread = new long[threads][];
        int[] counts = new int[threads];
        InFlight[] inFlight = new InFlight[threads];
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int id = t;
            int share = total / threads + (t < total % threads ? 1 : 0);
            perThread[id] = new long[share];
            inFlight[id] = new InFlight();
            Thread w = new Thread(() -> {
                for (int i = 0; i < share && System.currentTimeMillis() < deadline; i++) {
                    try {
                        perThread[id][counts[id]] = once(target, inFlight[id]);
                        counts[id]++;
                    } catch (IOException e) {
                        if (errors.getAndIncrement() == 0) {
                            firstError[0] = e.toString();
                        }
                    }
                }
            }, "connect-" + t);
            workers.add(w);
            w.start();
        }
        Thread sweeper = InFlight.sweep(inFlight, timeoutNanos);
        for (Thread w : workers) {
            w.join(deadlineMillis + 2 * timeoutNanos / 1_000_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sweeper.interrupt();
        int completed = Arrays.stream(counts).sum();
        long[] all = new long[completed];
        int k = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(perThread[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        return new Result(Stats.percentile(all, completed, 50), Stats.percentile(all, completed, 99),
                completed / seconds, completed, errors.get(), firstError[0]);
    }

    /** One connection, ended by a {@link Watchdog} if it takes over 5 s; returns nanoseconds from connect to the echo. */
    static long once(InetSocketAddress target) throws IOException {
        InFlight alone = new InFlight();
        try (Watchdog w = Watchdog.closeAfter(() -> alone.abortIfOlderThan(-1), TIMEOUT_NANOS / 1_000_000)) {
            return once(target, alone);
        }
    }

    private static long once(InetSocketAddress target, InFlight slot) throws IOException {
        ByteBuffer buf = slot.buffer;
        try (SocketChannel channel = SocketChannel.open()) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            long t0 = System.nanoTime();
            slot.begin(channel, t0);
            try {
                channel.connect(target);
                buf.clear().put((byte) 'x').flip();
                channel.write(buf);
                buf.clear();
                int n = channel.read(buf);
                long elapsed = System.nanoTime() - t0;
                if (n != 1 || buf.get(0) != 'x') {
                    throw new IOException(n < 0 ? "closed before the echo" : "wrong byte echoed: " + buf.get(0));
                }
                return elapsed;
            } finally {
                slot.end();
            }
        }
    }

    /**
     * The connection one client thread has in flight, for the sweeper: a blocking channel has no read timeout,
     * so a thread that waits over 5 s has its channel closed under it (its read then fails, and counts as an
     * error). Two volatile writes per connection instead of a timer task each.
     */
    static final class InFlight {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(1);
        private volatile SocketChannel channel;
        private volatile long since;

        void begin(SocketChannel c, long nanos) {
            since = nanos;
            channel = c;
        }

        void end() {
            channel = null;
        }

        /** Closes the channel in flight if it started more than {@code nanos} ago (negative: at once). */
        void abortIfOlderThan(long nanos) throws IOException {
            SocketChannel c = channel;
            if (c != null && (nanos < 0 || System.nanoTime() - since > nanos)) {
                c.close();
            }
        }

        static Thread sweep(InFlight[] slots, long timeoutNanos) {
            Thread t = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(SWEEP_MILLIS);
                        for (InFlight s : slots) {
                            try {
                                s.abortIfOlderThan(timeoutNanos);
                            } catch (IOException ignored) {
                                // the worker's own read reports the failure
                            }
                        }
                    }
                } catch (InterruptedException done) {
                    // the run is over
                }
            }, "connect-timeouts");
            t.setDaemon(true);
            t.start();
            return t;
        }
    }
}
