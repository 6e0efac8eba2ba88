package dev.portway.edge;

import dev.portway.api.v1.AddressEvent;
import dev.portway.api.v1.CloudEndpoint;
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

    /** The policy-engine's snapshot: every cloud endpoint there is; the edge is in sync with it from now on. */
    void cloudEndpointsSnapshot(List<CloudEndpoint> cloudEndpoints);

    /** A cloud endpoint was created or updated. */
    void cloudEndpointChanged(CloudEndpoint cloudEndpoint);

    void cloudEndpointDeleted(CloudEndpoint cloudEndpoint);

    /** The policy-engine's watch broke: the edge fails closed until its next snapshot. */
    void cloudEndpointsLost();
}
