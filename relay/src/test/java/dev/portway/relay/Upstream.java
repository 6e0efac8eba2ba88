package dev.portway.relay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain java.net server standing in for the service behind Portway: it accepts and hands every
 * socket to the test, which decides whether it reads, writes, echoes, closes or resets.
 */
final class Upstream implements AutoCloseable {

    private final ServerSocket server;
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    Upstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptForever, "upstream-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** The next connection the proxy made; fails rather than hang if none comes. */
    Socket nextConnection() throws InterruptedException {
        Socket socket = accepted.poll(Sockets.WAIT_SECONDS, TimeUnit.SECONDS);
        if (socket == null) {
            throw new AssertionError("the proxy did not connect to the upstream");
        }
        return socket;
    }

    /** How many connections arrived so far and were not taken yet. */
    int waitingConnections() {
        return accepted.size();
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setSoTimeout(Sockets.WAIT_SECONDS * 1000);
                socket.setTcpNoDelay(true);
                accepted.add(socket);
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
