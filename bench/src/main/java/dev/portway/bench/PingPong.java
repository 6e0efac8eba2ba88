package dev.portway.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * Round-trip latency on one established connection: write 64 bytes, read the 64 echoed back,
 * {@code n} times; each round trip timed with nanoTime. The connection is opened first and one
 * untimed round trip made, so the numbers are the steady state, not the setup (that is
 * {@link ConnectRate}'s figure).
 *
 * <p>The loop allocates nothing (direct buffers, a preallocated long[]), so the harness's own GC
 * does not show up as proxy latency. Each message carries its sequence number, checked on return,
 * so a stale or misrouted echo counts as an error instead of a fast round trip.
 */
final class PingPong {

    static final int MESSAGE_BYTES = 64;

    record Result(long p50Nanos, long p99Nanos, long p999Nanos, long maxNanos, int roundTrips, int errors) {
    }

    private PingPong() {
    }

    static Result run(int port, int n, long timeoutMillis) throws IOException {
        long[] rtt = new long[n];
        int done = 0;
        int errors = 0;
        try (SocketChannel ch = SocketChannel.open();
                Watchdog dog = Watchdog.closeAfter(ch, timeoutMillis)) {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.connect(new InetSocketAddress("127.0.0.1", port));
            ByteBuffer out = ByteBuffer.allocateDirect(MESSAGE_BYTES);
            ByteBuffer in = ByteBuffer.allocateDirect(MESSAGE_BYTES);
            for (int k = 0; k < MESSAGE_BYTES; k++) {
                out.put(k, (byte) k);
            }
            roundTrip(ch, out, in, -1); // untimed: the path may still be setting up behind the accept
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                boolean ok = roundTrip(ch, out, in, i);
                rtt[done++] = System.nanoTime() - t0;
                if (!ok) {
                    errors++;
                }
            }
        } catch (IOException e) {
            if (done < n) {
                throw new IOException("ping-pong ended after " + done + " of " + n + " round trips: " + e, e);
            }
        }
        Arrays.sort(rtt, 0, done);
        return new Result(Stats.percentile(rtt, done, 50), Stats.percentile(rtt, done, 99),
                Stats.percentile(rtt, done, 99.9), done > 0 ? rtt[done - 1] : -1, done, errors);
    }

    /** One message out, one back; true if it came back with the sequence number sent. */
    private static boolean roundTrip(SocketChannel ch, ByteBuffer out, ByteBuffer in, int seq) throws IOException {
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
}
