package dev.portway.allocator.pool;

/** A host name and the ports handed out on it. A host may have several pools with disjoint ranges. */
public record Pool(String host, PortRange ports) {

    public boolean contains(String otherHost, int port) {
        return host.equals(otherHost) && ports.contains(port);
    }

    public int size() {
        return ports.size();
    }

    @Override
    public String toString() {
        return host + ":" + ports;
    }
}
