package dev.portway.edge;

/**
 * What the edge tells agents to dial ({@code data_address} of every {@code OpenRequest}), from
 * {@code portway.edge.data-advertised-host}: a host, to which the bound port is added, or a
 * {@code host:port} used as is (a port mapped in front of the edge, such as a NodePort).
 *
 * @param port 0 when the bound port is to be advertised
 */
record AdvertisedDataAddress(String host, int port) {

    static final String PROPERTY = "portway.edge.data-advertised-host";

    /**
     * Accepts {@code host}, {@code host:port}, an IPv6 literal with or without brackets, and
     * {@code [ipv6]:port}.
     *
     * @throws IllegalArgumentException naming the property, if the text is none of those
     */
    static AdvertisedDataAddress parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " must name the host agents dial to reach this edge");
        }
        long colons = t.chars().filter(c -> c == ':').count();
        boolean withPort = t.startsWith("[") ? t.contains("]:") : colons == 1;
        if (withPort) {
            HostAndPort hp = HostAndPort.parse(PROPERTY, t);
            return new AdvertisedDataAddress(hp.host(), hp.port());
        }
        String host = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
        if (host.isEmpty() || host.contains("[") || host.contains("]") || host.contains("/")) {
            throw new IllegalArgumentException(PROPERTY + " must be a host or host:port, got '" + t + "'");
        }
        return new AdvertisedDataAddress(host, 0);
    }

    /** "host:port" (IPv6 in brackets), with {@code boundPort} unless a port was configured. */
    String withBoundPort(int boundPort) {
        return new HostAndPort(host, port > 0 ? port : boundPort).toString();
    }
}
