package dev.portway.systemtest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Client-side helpers with real sockets. */
public final class Clients {

    private Clients() {}

    /** Connects to ip:port with a bounded connect and read timeout. */
    public static Socket connect(String ip, int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(ip, port), 5_000);
            socket.setSoTimeout(30_000);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("connect to " + ip + ":" + port, e);
        }
    }

    /** Reads exactly {@code length} bytes. */
    public static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] data = new byte[length];
        int off = 0;
        while (off < length) {
            int n = in.read(data, off, length - off);
            if (n < 0) {
                throw new IOException("EOF after " + off + " of " + length + " bytes");
            }
            off += n;
        }
        return data;
    }

    /** True if something accepts a TCP connection on ip:port (the connection is closed at once). */
    public static boolean accepts(String ip, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), 2_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /**
     * True if the edge takes a connection on ip:port and carries a byte to the echo upstream and
     * back; false if it refuses or closes it.
     */
    public static boolean echoes(String ip, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(42);
            return socket.getInputStream().read() == 42;
        } catch (IOException refusedOrClosed) {
            return false;
        }
    }
}
