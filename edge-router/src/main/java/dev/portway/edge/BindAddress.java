package dev.portway.edge;

import java.net.InetSocketAddress;

/** A local IP literal and port the edge listens on. */
public record BindAddress(String ip, int port) {

    /** No DNS lookup happens: {@code ip} is a literal (checked by {@link HostBindings}). */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(ip, port);
    }

    @Override
    public String toString() {
        return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
