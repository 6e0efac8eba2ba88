package dev.portway.allocator.model;

/** A TCP address as handed out: a pool host name and a port. Host names are kept in lower case. */
public record HostPort(String host, int port) implements Comparable<HostPort> {

    @Override
    public int compareTo(HostPort other) {
        int byHost = host.compareTo(other.host);
        return byHost != 0 ? byHost : Integer.compare(port, other.port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
