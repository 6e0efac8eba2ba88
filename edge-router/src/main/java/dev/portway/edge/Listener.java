package dev.portway.edge;

import dev.portway.api.v1.Address;

/**
 * A listener the edge should have: where it listens, the address it serves there, and the pool of endpoints
 * (agent endpoints and a cloud endpoint at that URL) a client arriving on it may be given to.
 */
public record Listener(BindAddress bindAddress, PublicAddress publicAddress, Address address, Pool pool) {}
