package dev.portway.edge;

import java.util.Locale;

/** An allocator address as clients know it: pool host and port (the host is compared case-insensitively). */
public record PublicAddress(String host, int port) {

    public PublicAddress {
        host = host.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
