package dev.portway.agent;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TCP address as the user writes it: {@code host:port}, or {@code [ipv6]:port}. Kept unresolved:
 * names are resolved when a connection is made, so a DNS change is picked up by the next one.
 */
public record HostPort(String host, int port) {

    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65535;

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host: missing; expected a host name or IP address");
        }
        checkPort(port, "port");
    }

    /**
     * Parses {@code host:port}.
     *
     * @param field how the caller names this value in errors, e.g. "bridge" or "--upstream"
     * @throws IllegalArgumentException naming {@code field}, what was expected and what was given
     */
    public static HostPort parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": missing; expected host:port, e.g. localhost:5432");
        }
        String trimmed = text.trim();
        String host;
        String port;
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0 || close + 1 >= trimmed.length() || trimmed.charAt(close + 1) != ':') {
                throw malformed(field, text);
            }
            host = trimmed.substring(1, close);
            port = trimmed.substring(close + 2);
        } else {
            int colon = trimmed.lastIndexOf(':');
            if (colon < 0) {
                throw malformed(field, text);
            }
            host = trimmed.substring(0, colon);
            port = trimmed.substring(colon + 1);
            if (host.contains(":")) {
                throw new IllegalArgumentException(field + ": '" + text
                        + "' looks like an IPv6 address; write it in brackets, e.g. [::1]:5432");
            }
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException(field + ": host is missing in '" + text
                    + "'; expected host:port, e.g. localhost:5432");
        }
        return new HostPort(host, parsePort(port, field));
    }

    /**
     * Parses a port number in 1-65535.
     *
     * @throws IllegalArgumentException naming {@code field}
     */
    public static int parsePort(String text, String field) {
        int port;
        try {
            port = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": port '" + text
                    + "' is not a number; expected " + MIN_PORT + "-" + MAX_PORT);
        }
        checkPort(port, field);
        return port;
    }

    private static void checkPort(int port, String field) {
        if (port < MIN_PORT || port > MAX_PORT) {
            throw new IllegalArgumentException(field + ": port " + port + " is out of range; expected "
                    + MIN_PORT + "-" + MAX_PORT);
        }
    }

    private static IllegalArgumentException malformed(String field, String text) {
        return new IllegalArgumentException(field + ": expected host:port (e.g. localhost:5432), got '"
                + text + "'");
    }

    /** An unresolved address: Netty resolves it when it connects. */
    public InetSocketAddress toSocketAddress() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
