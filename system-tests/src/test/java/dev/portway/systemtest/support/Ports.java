package dev.portway.systemtest.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Free loopback ports for the services under test. */
public final class Ports {

    /**
     * Service ports come from here: above the address pools (10000-29999) and below the kernel's
     * ephemeral range (32768+), so neither a pool nor any process's outgoing connection can take one.
     */
    private static final int SERVICE_PORTS_FROM = 30_000;
    private static final int SERVICE_PORTS_TO = 32_767;
    /**
     * Every port handed out by this JVM: a service started a moment ago may not listen yet, and a
     * port that is free now must not go to a second service meanwhile.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {}

    public static int free() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(SERVICE_PORTS_FROM, SERVICE_PORTS_TO + 1);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + SERVICE_PORTS_FROM + "-" + SERVICE_PORTS_TO);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException inUse) {
            return false;
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
