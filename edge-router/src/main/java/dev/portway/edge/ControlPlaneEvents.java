package dev.portway.edge;

import dev.portway.api.v1.AddressEvent;
import dev.portway.api.v1.Endpoint;
import java.util.List;

/** What the watches report. Called on the control thread only. */
interface ControlPlaneEvents {

    void addressEvent(AddressEvent event);

    /** @param source the configured target of the bridge, e.g. "bridge-0:7200" */
    void bridgeSnapshot(String source, String bridgeId, List<Endpoint> online);

    void endpointOnline(String source, Endpoint endpoint);

    void endpointOffline(String source, Endpoint endpoint);

    /** The watch on this bridge broke: its endpoints are offline until it answers again. */
    void bridgeLost(String source);
}
