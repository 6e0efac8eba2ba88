package dev.portway.edge;

/**
 * The routes the data path reads on every accept. Written by the control thread, read by event loops:
 * a volatile reference to an immutable {@link Routes}, so readers never lock.
 */
final class PublishedRoutes {

    private volatile Routes current = Routes.NONE;

    Routes current() {
        return current;
    }

    void publish(Routes routes) {
        current = routes;
    }
}
