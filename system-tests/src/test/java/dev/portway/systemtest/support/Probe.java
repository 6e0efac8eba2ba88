package dev.portway.systemtest.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one client connection through the edge ends with, told apart precisely: a policy that closes
 * a connection is not the same as nothing listening, nor as a connection left hanging.
 */
public enum Probe {
    /** The byte came back: the connection reached an echo upstream. */
    ECHOED,
    /** Accepted, then closed (FIN or reset) without echoing. */
    CLOSED,
    /** Nothing accepts connections there. */
    REFUSED,
    /** Accepted, but neither echoed nor closed within the read timeout. */
    HUNG;

    private static final int PROBE_BYTE = 42;

    /** Connects to ip:port from the kernel's choice of source address, writes a byte and reads. */
    public static Probe of(String ip, int port) {
        return from(null, ip, port);
    }

    /** Same, from the local source address {@code sourceIp} (e.g. 127.0.0.2: any 127/8 address is local). */
    public static Probe from(String sourceIp, String ip, int port) {
        try (Socket socket = new Socket()) {
            if (sourceIp != null) {
                socket.bind(new InetSocketAddress(sourceIp, 0));
            }
            try {
                socket.connect(new InetSocketAddress(ip, port), 2_000);
            } catch (IOException refused) {
                return REFUSED;
            }
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(PROBE_BYTE);
                int read = socket.getInputStream().read();
                if (read == PROBE_BYTE) {
                    return ECHOED;
                }
                if (read < 0) {
                    return CLOSED;
                }
                throw new AssertionError("the upstream answered " + read + " instead of echoing " + PROBE_BYTE);
            } catch (SocketTimeoutException silent) {
                return HUNG;
            } catch (IOException reset) {
                return CLOSED;
            }
        } catch (IOException e) {
            throw new AssertionError("probing " + ip + ":" + port + " from " + sourceIp, e);
        }
    }

    /**
     * Connects and reads the greeting of an {@link EchoServer#greeting(int)} upstream: its identity, or -1 if the
     * connection was closed (or refused) before any byte arrived.
     */
    public static int greeting(String ip, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), 2_000);
            socket.setSoTimeout(10_000);
            return socket.getInputStream().read();
        } catch (SocketTimeoutException silent) {
            throw new AssertionError("no greeting and no close from " + ip + ":" + port + " within 10 s", silent);
        } catch (IOException refusedOrReset) {
            return -1;
        }
    }

    /** Opens {@code connections} connections one after another: identity of the upstream each reached (-1: closed) → how many. */
    public static Map<Integer, Integer> greetings(String ip, int port, int connections) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int i = 0; i < connections; i++) {
            counts.merge(greeting(ip, port), 1, Integer::sum);
        }
        return counts;
    }
}
