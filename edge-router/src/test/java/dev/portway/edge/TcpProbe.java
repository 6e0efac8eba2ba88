package dev.portway.edge;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;

/** Plain-socket helpers for tests: free high ports, and whether a port accepts or refuses. */
final class TcpProbe {

    private TcpProbe() {}

    /**
     * A random port above Linux's ephemeral range (32768-60999), so it never collides with the
     * source port of some outgoing connection; checked to be free on 127.0.0.1 right now.
     */
    static int freeHighPort() {
        for (int i = 0; i < 100; i++) {
            int port = ThreadLocalRandom.current().nextInt(61_000, 65_000);
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException inUse) {
                // try another
            }
        }
        throw new IllegalStateException("no free port found in 61000-64999");
    }

    /** True if a TCP connection to 127.0.0.1:port is refused (nobody listens). */
    static boolean refuses(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }

    /** True if a TCP connection to 127.0.0.1:port is accepted. */
    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
