package dev.portway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * New connections: {@code threads} client threads each open a connection, send one byte, read the
 * echo, close, for a fixed total count. For each connection, the time from the start of
 * {@code connect} to the first echoed byte: through Portway that spans the whole setup (edge
 * accepts, dials the bridge, the bridge asks the agent, the agent dials upstream and the bridge),
 * which a bare {@code connect} would not (the edge's kernel completes the handshake at once).
 * The rate is connections completed per second of wall time; every failure (refused, reset, wrong
 * byte, 5 s without an answer) is counted, never retried.
 */
final class ConnectRate {

    record Result(long p50Nanos, long p99Nanos, double perSecond, int completed, int errors, String firstError) {
    }

    private static final int TIMEOUT_MILLIS = 5_000;

    private ConnectRate() {
    }

    static Result run(int port, int total, int threads, long deadlineMillis) throws InterruptedException {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
        long deadline = System.currentTimeMillis() + deadlineMillis;
        AtomicInteger errors = new AtomicInteger();
        String[] firstError = new String[1];
        long[][] perThread = new long[threads][];
        int[] counts = new int[threads];
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int id = t;
            int share = total / threads + (t < total % threads ? 1 : 0);
            perThread[id] = new long[share];
            Thread w = new Thread(() -> {
                for (int i = 0; i < share && System.currentTimeMillis() < deadline; i++) {
                    try {
                        perThread[id][counts[id]] = once(target);
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
        for (Thread w : workers) {
            w.join(deadlineMillis + 2 * TIMEOUT_MILLIS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
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

    /** One connection; returns nanoseconds from connect to the echoed byte. */
    static long once(InetSocketAddress target) throws IOException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(TIMEOUT_MILLIS);
            long t0 = System.nanoTime();
            s.connect(target, TIMEOUT_MILLIS);
            s.getOutputStream().write('x');
            InputStream in = s.getInputStream();
            int b = in.read();
            long elapsed = System.nanoTime() - t0;
            if (b != 'x') {
                throw new IOException(b < 0 ? "closed before the echo" : "wrong byte echoed: " + b);
            }
            return elapsed;
        }
    }
}
