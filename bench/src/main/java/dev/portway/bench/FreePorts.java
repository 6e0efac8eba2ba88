package dev.portway.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints free loopback ports for the upstreams and HAProxy, so a run never collides with another
 * engineer's processes on fixed ports. All sockets stay open until every port is chosen, so the N
 * ports are distinct; a port can still be taken between this and its use (the caller then fails
 * to start and says so).
 */
final class FreePorts {

    private FreePorts() {
    }

    static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                System.out.println(s.getLocalPort());
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
