package dev.portway.edge;

import dev.portway.api.v1.AddressEvent;
import dev.portway.api.v1.Endpoint;
import java.net.InetSocketAddress;
import java.util.List;

/** What the watches report. Called on the control thread only. */
interface ControlPlaneEvents {

    void addressEvent(AddressEvent event);

    void bridgeSnapshot(String source, String bridgeId, InetSocketAddress dataAddress, List<Endpoint> online);

    void endpointOnline(String source, Endpoint endpoint);

    void endpointOffline(String source, Endpoint endpoint);

    /** The watch on this bridge broke: its endpoints are offline until it answers again. */
    void bridgeLost(String source);
}
