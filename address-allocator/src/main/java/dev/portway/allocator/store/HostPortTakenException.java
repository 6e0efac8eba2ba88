package dev.portway.allocator.store;

import dev.portway.allocator.model.HostPort;

/** The store refused an insert because host:port is already held. */
public class HostPortTakenException extends RuntimeException {

    private final HostPort hostPort;

    public HostPortTakenException(HostPort hostPort, Throwable cause) {
        super(hostPort + " is already held", cause);
        this.hostPort = hostPort;
    }

    public HostPort hostPort() {
        return hostPort;
    }
}
