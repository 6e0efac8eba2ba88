package dev.portway.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Round-trip latency on an established connection: write 64 bytes, read the 64 echoed back,
 * {@code n} times; each round trip timed with nanoTime. The connection is opened first and one
 * untimed round trip made, so the numbers are the steady state, not the setup (that is
 * {@link ConnectRate}'s figure).
 *
 * <p>{@link #interleaved} measures several paths in turns of {@code block} round trips each, so
 * that a slow spell of the host (a neighbour's burst, steal) lands on every path alike instead of
 * on whichever ran then: the figure compares paths, and a percentile taken over different minutes
 * of a shared VM compares minutes as much as paths. Taking turns has a cost of its own: each path
 * sits idle through the others' turns, and its first round trip after that wakes every thread on
 * the path from sleep (on this VM, idle virtual CPUs from halt): 2-3 times a steady round trip.
 * That first round trip of each turn is kept apart, as {@link Turns#afterIdle()}: it measures how
 * fast an idle path wakes up, not the steady ping-pong the other figure is about.
 *
 * <p>The loop allocates nothing (direct buffers, a preallocated long[]), so the harness's own GC
 * does not show up as proxy latency. Each message carries its sequence number, checked on return,
 * so a stale or misrouted echo counts as an error instead of a fast round trip.
 */
final class PingPong {

    static final int MESSAGE_BYTES = 64;

    record Result(long p50Nanos, long p99Nanos, long p999Nanos, long maxNanos, int roundTrips, int errors) {
        static Result of(long[] rtt, int done, int errors) {
            Arrays.sort(rtt, 0, done);
            return new Result(Stats.percentile(rtt, done, 50), Stats.percentile(rtt, done, 99),
                    Stats.percentile(rtt, done, 99.9), done > 0 ? rtt[done - 1] : -1, done, errors);
        }
    }

    private PingPong() {
    }

    static Result run(int port, int n, long timeoutMillis) throws IOException {
        long[] rtt = new long[n];
        try (Conversation c = Conversation.open(port, timeoutMillis)) {
            int errors = c.roundTrips(rtt, 0, n);
            return Result.of(rtt, n, errors);
        }
    }

    /**
     * One path's round trips from {@link #interleaved}.
     *
     * @param steady    the {@code perPath} round trips made back to back
     * @param afterIdle the first round trip of each turn, made after the path sat idle through the others' turns
     */
    record Turns(Result steady, Result afterIdle) {
    }

    /**
     * {@code perPath} round trips on each of {@code ports} (path → port), one connection each, taken in turns of
     * {@code block}, each turn opened by one more round trip timed apart (see {@link Turns}); the order of the
     * paths rotates every turn. Results by path, in the order given.
     */
    static Map<String, Turns> interleaved(Map<String, Integer> ports, int perPath, int block, long timeoutMillis)
            throws IOException {
        List<String> paths = new ArrayList<>(ports.keySet());
        Map<String, Conversation> open = new LinkedHashMap<>();
        try {
            for (String path : paths) {
                open.put(path, Conversation.open(ports.get(path), timeoutMillis));
            }
            int turns = (perPath + block - 1) / block;
            long[][] rtt = new long[paths.size()][perPath];
            long[][] afterIdle = new long[paths.size()][turns];
            int[] errors = new int[paths.size()];
            int[] idleErrors = new int[paths.size()];
            for (int turn = 0; turn < turns; turn++) {
                int done = turn * block;
                int n = Math.min(block, perPath - done);
                for (int k = 0; k < paths.size(); k++) {
                    int p = (k + turn) % paths.size();
                    Conversation c = open.get(paths.get(p));
                    idleErrors[p] += c.roundTrips(afterIdle[p], turn, 1);
                    errors[p] += c.roundTrips(rtt[p], done, n);
                }
            }
            Map<String, Turns> results = new LinkedHashMap<>();
            for (int p = 0; p < paths.size(); p++) {
                results.put(paths.get(p), new Turns(Result.of(rtt[p], perPath, errors[p]),
                        Result.of(afterIdle[p], turns, idleErrors[p])));
            }
            return results;
        } finally {
            for (Conversation c : open.values()) {
                c.close();
            }
        }
    }

    /** One connection of a path, open and past its first (untimed) round trip; closed by a watchdog if it hangs. */
    private static final class Conversation implements AutoCloseable {
        private final SocketChannel ch;
        private final Watchdog dog;
        private final ByteBuffer out = ByteBuffer.allocateDirect(MESSAGE_BYTES);
        private final ByteBuffer in = ByteBuffer.allocateDirect(MESSAGE_BYTES);
        private final int port;
        private int done;

        private Conversation(SocketChannel ch, Watchdog dog, int port) {
            this.ch = ch;
            this.dog = dog;
            this.port = port;
            for (int k = 0; k < MESSAGE_BYTES; k++) {
                out.put(k, (byte) k);
            }
        }

        static Conversation open(int port, long timeoutMillis) throws IOException {
            SocketChannel ch = SocketChannel.open();
            Conversation c = new Conversation(ch, Watchdog.closeAfter(ch, timeoutMillis), port);
            try {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.connect(new InetSocketAddress("127.0.0.1", port));
                c.roundTrip(-1); // untimed: the path may still be setting up behind the accept
                return c;
            } catch (IOException e) {
                c.close();
                throw new IOException("ping-pong to port " + port + " could not start: " + e, e);
            }
        }

        /** {@code n} timed round trips into {@code rtt[from..from+n)}; returns how many came back wrong. */
        int roundTrips(long[] rtt, int from, int n) throws IOException {
            int errors = 0;
            try {
                for (int i = from; i < from + n; i++) {
                    long t0 = System.nanoTime();
                    boolean ok = roundTrip(done);
                    rtt[i] = System.nanoTime() - t0;
                    done++;
                    if (!ok) {
                        errors++;
                    }
                }
            } catch (IOException e) {
                throw new IOException("ping-pong to port " + port + " ended after " + done + " round trips: " + e, e);
            }
            return errors;
        }

        /** One message out, one back; true if it came back with the sequence number sent. */
        private boolean roundTrip(int seq) throws IOException {
            out.clear();
            out.putInt(0, seq);
            while (out.hasRemaining()) {
                ch.write(out);
            }
            in.clear();
            while (in.hasRemaining()) {
                if (ch.read(in) < 0) {
                    throw new EOFException("connection closed by the path");
                }
            }
            return in.getInt(0) == seq;
        }

        @Override
        public void close() throws IOException {
            dog.close();
            ch.close();
        }
    }
}
