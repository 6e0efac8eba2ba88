package dev.portway.edge;

/**
 * Two pool hosts map to the same local IP and port: the edge serves {@code served} there and
 * cannot serve {@code refused} until the host bindings are fixed.
 */
public record Conflict(BindAddress bindAddress, PublicAddress served, PublicAddress refused) {

    /** Says what is wrong and what to do. */
    public String describe() {
        return "addresses " + served + " and " + refused + " both map to local " + bindAddress
                + "; serving " + served + " only. Give the hosts different IPs in portway.edge.host-bindings";
    }
}
