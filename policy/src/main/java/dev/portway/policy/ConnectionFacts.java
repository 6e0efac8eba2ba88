package dev.portway.policy;

import com.google.common.net.InetAddresses;
import dev.portway.policy.internal.Cidr;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;

/**
 * What is known of one accepted connection: CEL's {@code conn.client_ip}, {@code conn.client_port},
 * {@code conn.server_ip}, {@code conn.server_port} and {@code conn.ts.start}. Immutable; the CEL view is built on
 * first use only (a policy without expressions on {@code conn} never builds it).
 */
public final class ConnectionFacts {

    private final InetAddress clientIp;
    private final int clientPort;
    private final InetAddress serverIp;
    private final int serverPort;
    private final Instant start;
    private final byte[] clientBytes;
    private volatile Map<String, Object> cel;

    private ConnectionFacts(InetAddress clientIp, int clientPort, InetAddress serverIp, int serverPort,
            Instant start) {
        this.clientIp = clientIp;
        this.clientPort = clientPort;
        this.serverIp = serverIp;
        this.serverPort = serverPort;
        this.start = start;
        this.clientBytes = Cidr.bytes(clientIp);
    }

    /** From the addresses of an accepted socket (the edge's case). */
    public static ConnectionFacts of(InetSocketAddress client, InetSocketAddress server, Instant start) {
        return new ConnectionFacts(client.getAddress(), client.getPort(), server.getAddress(), server.getPort(),
                start);
    }

    /**
     * From IP literals (IPv4 or IPv6; never resolved as names).
     *
     * @throws IllegalArgumentException naming the field that is not an IP literal
     */
    public static ConnectionFacts of(String clientIp, int clientPort, String serverIp, int serverPort,
            Instant start) {
        return new ConnectionFacts(literal("client_ip", clientIp), clientPort, literal("server_ip", serverIp),
                serverPort, start);
    }

    private static InetAddress literal(String field, String ip) {
        if (ip == null || !InetAddresses.isInetAddress(ip)) {
            throw new IllegalArgumentException(field + " '" + ip + "' is not an IPv4 or IPv6 address");
        }
        return InetAddresses.forString(ip);
    }

    public InetAddress clientIp() {
        return clientIp;
    }

    public int clientPort() {
        return clientPort;
    }

    public InetAddress serverIp() {
        return serverIp;
    }

    public int serverPort() {
        return serverPort;
    }

    public Instant start() {
        return start;
    }

    /** Client address bytes for CIDR matching: 4 for IPv4 (also IPv4-mapped IPv6), 16 for IPv6. */
    byte[] clientBytes() {
        return clientBytes;
    }

    /** The {@code conn} map CEL sees; integers are Long, the start a timestamp. */
    Map<String, Object> cel() {
        Map<String, Object> map = cel;
        if (map == null) {
            map = Map.of("client_ip", InetAddresses.toAddrString(clientIp), "client_port", (long) clientPort,
                    "server_ip", InetAddresses.toAddrString(serverIp), "server_port", (long) serverPort,
                    "ts", Map.of("start", start));
            cel = map;
        }
        return map;
    }

    @Override
    public String toString() {
        return InetAddresses.toUriString(clientIp) + ":" + clientPort + " -> " + InetAddresses.toUriString(serverIp)
                + ":" + serverPort;
    }
}
