package dev.portway.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free loopback ports for the services under test. */
public final class Ports {

    private Ports() {}

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A block of {@code size} ports for an address pool, below the kernel's ephemeral range
     * (32768+) so that outgoing connections of the tests never collide with it.
     */
    public static int[] poolRange(int size) {
        int start = 10_000 + ThreadLocalRandom.current().nextInt(0, 20_000 - size);
        return new int[] {start, start + size - 1};
    }
}
