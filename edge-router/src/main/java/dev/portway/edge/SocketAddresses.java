package dev.portway.edge;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Formats socket addresses the way the data preamble carries them: "ip:port", "[ipv6]:port". */
final class SocketAddresses {

    private SocketAddresses() {}

    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String ip = inet.getAddress().getHostAddress();
            int zone = ip.indexOf('%');
            if (zone >= 0) {
                ip = ip.substring(0, zone);
            }
            return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
