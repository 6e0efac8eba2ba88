package dev.portway.bridge.endpoint;

import dev.portway.api.v1.Endpoint;
import dev.portway.api.v1.EndpointEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The endpoints online on this bridge, and who watches them. Every change is published to the
 * watchers under the same lock that made it, so a watcher sees a snapshot followed by exactly the
 * changes after it, in order.
 */
@ApplicationScoped
public class EndpointRegistry {

    private final Map<String, Endpoint> byId = new HashMap<>();
    private final Map<String, String> idByUrl = new HashMap<>();
    private final List<Consumer<EndpointEvent>> watchers = new CopyOnWriteArrayList<>();

    /**
     * Puts an endpoint online.
     *
     * @throws BindRefused ALREADY_EXISTS if its URL is already online. (Endpoint pooling, where
     *     every binder opted in, is a later feature; until then a URL has one binder.)
     */
    public synchronized void add(Endpoint endpoint) {
        String existing = idByUrl.get(endpoint.getUrl());
        if (existing != null) {
            throw BindRefused.alreadyOnline(endpoint.getUrl());
        }
        byId.put(endpoint.getId(), endpoint);
        idByUrl.put(endpoint.getUrl(), endpoint.getId());
        publish(EndpointEvent.newBuilder().setOnline(endpoint).build());
    }

    /** Takes an endpoint offline; returns it, or empty if it was not online. */
    public synchronized Optional<Endpoint> remove(String endpointId) {
        Endpoint removed = byId.remove(endpointId);
        if (removed == null) {
            return Optional.empty();
        }
        idByUrl.remove(removed.getUrl());
        publish(EndpointEvent.newBuilder().setOffline(removed).build());
        return Optional.of(removed);
    }

    public synchronized Optional<Endpoint> get(String endpointId) {
        return Optional.ofNullable(byId.get(endpointId));
    }

    public synchronized boolean isOnline(String url) {
        return idByUrl.containsKey(url);
    }

    /** Ids of the ephemeral addresses that online endpoints hold (their leases need renewing). */
    public synchronized List<String> ephemeralAddressIds() {
        return byId.values().stream().filter(Endpoint::getEphemeral).map(Endpoint::getAddressId).distinct().toList();
    }

    public synchronized int size() {
        return byId.size();
    }

    /**
     * Registers a watcher and returns the endpoints online now; the watcher then receives every
     * change after that snapshot. {@code watcher} is called under the registry's lock: it must only
     * enqueue.
     */
    public synchronized List<Endpoint> watch(Consumer<EndpointEvent> watcher) {
        watchers.add(watcher);
        return new ArrayList<>(byId.values());
    }

    public void unwatch(Consumer<EndpointEvent> watcher) {
        watchers.remove(watcher);
    }

    private void publish(EndpointEvent event) {
        for (Consumer<EndpointEvent> watcher : watchers) {
            watcher.accept(event);
        }
    }
}
