package dev.portway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Thousands of concurrent idle connections held by one NIO selector thread (not a thread per
 * connection: the harness must stay small next to what it measures).
 *
 * <p>{@link #open} establishes each connection and waits for one echoed byte on it, so the whole
 * path exists (through Portway the agent dials upstream only when asked: a connection is "open"
 * only once a byte came back). {@link #echoEach} later checks that every one still carries bytes.
 * Both keep at most {@code window} connections in progress, so the proxies' accept backlogs never
 * overflow (a dropped SYN would cost a 1 s retransmit and say nothing about memory).
 */
final class IdleConnections implements AutoCloseable {

    record Outcome(int attempted, int succeeded, int failed, String firstError, double seconds) {
    }

    private static final int CONNECTING = 0;
    private static final int AWAITING_ECHO = 1;

    private final Selector selector;
    private final List<SocketChannel> open = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64);

    private IdleConnections(Selector selector) {
        this.selector = selector;
    }

    /** Opens up to {@code n} connections; what opened stays open until {@link #close}. */
    static IdleConnections open(int port, int n, int window, long timeoutMillis, Outcome[] outcome)
            throws IOException {
        IdleConnections idle = new IdleConnections(Selector.open());
        outcome[0] = idle.establish(new InetSocketAddress("127.0.0.1", port), n, window, timeoutMillis);
        return idle;
    }

    int size() {
        return open.size();
    }

    private Outcome establish(InetSocketAddress target, int n, int window, long timeoutMillis) throws IOException {
        long start = System.nanoTime();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        int started = 0;
        int inFlight = 0;
        Tally tally = new Tally();
        while ((started < n || inFlight > 0) && System.currentTimeMillis() < deadline) {
            while (started < n && inFlight < window) {
                started++;
                inFlight++;
                SocketChannel ch = null;
                try {
                    ch = SocketChannel.open(); // may fail too: out of file descriptors
                    ch.configureBlocking(false);
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    if (ch.connect(target)) {
                        sendOne(ch);
                        ch.register(selector, SelectionKey.OP_READ, AWAITING_ECHO);
                    } else {
                        ch.register(selector, SelectionKey.OP_CONNECT, CONNECTING);
                    }
                } catch (IOException e) {
                    inFlight--;
                    tally.fail(ch, e);
                }
            }
            selector.select(100);
            for (SelectionKey key : selector.selectedKeys()) {
                SocketChannel ch = (SocketChannel) key.channel();
                try {
                    if ((int) key.attachment() == CONNECTING && key.isConnectable()) {
                        ch.finishConnect();
                        sendOne(ch);
                        key.attach(AWAITING_ECHO);
                        key.interestOps(SelectionKey.OP_READ);
                    } else if (key.isReadable()) {
                        expectOne(ch);
                        key.interestOps(0); // idle from now on
                        open.add(ch);
                        inFlight--;
                    }
                } catch (IOException e) {
                    inFlight--;
                    tally.fail(ch, e);
                }
            }
            selector.selectedKeys().clear();
        }
        // Whatever is still in progress at the deadline has failed (too slow counts as failed).
        int timedOut = closeAllExcept(open);
        tally.failed += timedOut;
        if (timedOut > 0 && tally.firstError == null) {
            tally.firstError = timedOut + " not answered within " + timeoutMillis + " ms";
        }
        return new Outcome(started, open.size(), tally.failed, tally.firstError, (System.nanoTime() - start) / 1e9);
    }

    /** Sends one byte on every open connection and waits for its echo; failures are closed. */
    Outcome echoEach(int window, long timeoutMillis) throws IOException {
        long start = System.nanoTime();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        List<SocketChannel> todo = new ArrayList<>(open);
        List<SocketChannel> echoed = new ArrayList<>();
        int next = 0;
        int inFlight = 0;
        Tally tally = new Tally();
        while ((next < todo.size() || inFlight > 0) && System.currentTimeMillis() < deadline) {
            while (next < todo.size() && inFlight < window) {
                SocketChannel ch = todo.get(next++);
                inFlight++;
                try {
                    sendOne(ch);
                    ch.keyFor(selector).interestOps(SelectionKey.OP_READ);
                } catch (IOException e) {
                    inFlight--;
                    tally.fail(ch, e);
                }
            }
            selector.select(100);
            for (SelectionKey key : selector.selectedKeys()) {
                SocketChannel ch = (SocketChannel) key.channel();
                try {
                    expectOne(ch);
                    key.interestOps(0);
                    echoed.add(ch);
                } catch (IOException e) {
                    tally.fail(ch, e);
                }
                inFlight--;
            }
            selector.selectedKeys().clear();
        }
        int timedOut = closeAllExcept(echoed);
        tally.failed += timedOut;
        if (timedOut > 0 && tally.firstError == null) {
            tally.firstError = timedOut + " not echoed within " + timeoutMillis + " ms";
        }
        open.clear();
        open.addAll(echoed);
        return new Outcome(todo.size(), echoed.size(), tally.failed, tally.firstError,
                (System.nanoTime() - start) / 1e9);
    }

    private static void sendOne(SocketChannel ch) throws IOException {
        if (ch.write(ByteBuffer.wrap(new byte[] {'m'})) != 1) {
            throw new IOException("could not send a byte");
        }
    }

    private void expectOne(SocketChannel ch) throws IOException {
        readBuffer.clear();
        int n = ch.read(readBuffer);
        if (n < 0) {
            throw new IOException("closed by the path");
        }
        if (n != 1 || readBuffer.get(0) != 'm') {
            throw new IOException("unexpected echo (" + n + " bytes)");
        }
    }

    /** Closes every registered channel not in {@code keep}; returns how many that was. */
    private int closeAllExcept(List<SocketChannel> keep) {
        java.util.Set<SocketChannel> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        kept.addAll(keep);
        int closed = 0;
        for (SelectionKey key : List.copyOf(selector.keys())) {
            if (key.isValid() && !kept.contains(key.channel())) {
                closeQuietly((SocketChannel) key.channel());
                closed++;
            }
        }
        return closed;
    }

    @Override
    public void close() {
        for (SelectionKey key : List.copyOf(selector.keys())) {
            closeQuietly((SocketChannel) key.channel());
        }
        open.clear();
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException ignored) {
            // already broken; it is being discarded
        }
    }

    /** Failures of one phase: how many, and the first one's reason (enough to diagnose). */
    private static final class Tally {
        int failed;
        String firstError;

        void fail(SocketChannel ch, IOException e) {
            failed++;
            if (firstError == null) {
                firstError = e.toString();
            }
            closeQuietly(ch);
        }
    }
}
