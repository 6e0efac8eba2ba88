package dev.portway.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocking-socket helpers for the test's clients and upstreams. */
final class Sockets {

    /** Every wait in these tests is bounded by this, only so a broken relay fails instead of hanging. */
    static final int WAIT_SECONDS = 20;

    private static final int CHUNK = 64 * 1024;

    private Sockets() {}

    static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(WAIT_SECONDS * 1000);
        socket.connect(address, WAIT_SECONDS * 1000);
        return socket;
    }

    /** The byte at {@code position} of a test stream; varies with position so shifts and gaps show. */
    static byte patternByte(long position) {
        return (byte) (position ^ (position >>> 8) * 31 ^ (position >>> 16) * 7);
    }

    static byte[] pattern(long from, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = patternByte(from + i);
        }
        return bytes;
    }

    /** Writes {@code total} pattern bytes in chunks. */
    static void writePattern(OutputStream out, long total) throws IOException {
        for (long written = 0; written < total; ) {
            int n = (int) Math.min(CHUNK, total - written);
            out.write(pattern(written, n));
            written += n;
        }
        out.flush();
    }

    /** Reads exactly {@code total} bytes and checks each is the pattern's, in order. */
    static void readPattern(InputStream in, long total) throws IOException {
        readPattern(in, total, 0);
    }

    /** Reads the pattern's bytes from {@code from} up to {@code total}, checking each. */
    static void readPattern(InputStream in, long total, long from) throws IOException {
        byte[] buf = new byte[CHUNK];
        long position = from;
        while (position < total) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, total - position));
            if (n < 0) {
                fail("stream ended after " + position + " of " + total + " bytes");
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] != patternByte(position + i)) {
                    fail("byte " + (position + i) + " differs from what was sent");
                }
            }
            position += n;
        }
    }

    static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        assertEquals(length, bytes.length, "stream ended early");
        return bytes;
    }

    /** The stream ends cleanly (a FIN), with no byte left before it. */
    static void assertEof(Socket socket) throws IOException {
        assertEquals(-1, socket.getInputStream().read(), "expected a clean end of stream");
    }

    /** The connection was reset: reading fails with "Connection reset" instead of a clean end. */
    static void assertReset(Socket socket) {
        SocketException e = assertThrows(SocketException.class, () -> {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[CHUNK];
            while (in.read(buf) >= 0) {
                // Bytes sent before the reset may still be readable; the reset must follow them.
            }
        }, "expected a reset, got a clean end of stream");
        assertTrue(e.getMessage().contains("reset"), "expected a reset, got: " + e);
    }

    /** The connection ends, cleanly or by a reset (e.g. a rejected stranger); reads nothing. */
    static void assertClosed(Socket socket) throws IOException {
        try {
            assertEquals(-1, socket.getInputStream().read(), "expected the connection to end");
        } catch (SocketException reset) {
            assertTrue(reset.getMessage().contains("reset"), "unexpected: " + reset);
        }
    }

    /** Closes with a TCP reset instead of a FIN. */
    static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Runs {@code task} on its own thread; the future carries its failure. */
    static CompletableFuture<Void> inBackground(String name, IoTask task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    /** Echoes every byte back, then passes the end of stream back as a FIN. */
    static CompletableFuture<Void> echo(Socket socket) {
        return inBackground("echo", () -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buf = new byte[CHUNK];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
            socket.shutdownOutput();
        });
    }

    static <T> T await(CompletableFuture<T> future, String what) throws Exception {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    interface IoTask {
        void run() throws Exception;
    }
}
