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
 *
 * <p>Endpoints at the same URL form a pool (for an internal URL: the same URL in the same account).
 * A pool has more than one member only if every member asked for pooling. This bridge checks that
 * among its own agents only; across bridges the edges resolve it (see the README).
 */
@ApplicationScoped
public class EndpointRegistry {

    private final Map<String, Endpoint> byId = new HashMap<>();
    /** Members of each pool, in the order they came online. */
    private final Map<String, List<Endpoint>> poolsByKey = new HashMap<>();
    private final List<Consumer<EndpointEvent>> watchers = new CopyOnWriteArrayList<>();

    /**
     * The pool an endpoint at {@code url} belongs to: internal names are per account, public
     * addresses are global (an address belongs to one account anyway).
     */
    public static String poolKey(String account, String url, boolean internal) {
        return internal ? account + " " + url : url;
    }

    private static String poolKey(Endpoint endpoint) {
        return poolKey(endpoint.getAccount(), endpoint.getUrl(), endpoint.getInternal());
    }

    /**
     * Puts an endpoint online, alone at its URL or as one more member of the pool there.
     *
     * @throws BindRefused ALREADY_EXISTS if its URL is online and it or a member online did not ask
     *     for pooling
     */
    public synchronized void add(Endpoint endpoint) {
        String key = poolKey(endpoint);
        checkCanJoin(key, endpoint.getUrl(), endpoint.getPoolingEnabled(), endpoint.getInternal());
        byId.put(endpoint.getId(), endpoint);
        poolsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(endpoint);
        publish(EndpointEvent.newBuilder().setOnline(endpoint).build());
    }

    /**
     * Refuses, as {@link #add} would now, an endpoint that cannot join the pool {@code poolKey}
     * (lets a bind fail before it reserves anything; {@link #add} checks again atomically).
     *
     * @throws BindRefused ALREADY_EXISTS
     */
    public synchronized void checkCanJoin(String poolKey, String url, boolean pooling, boolean internal) {
        List<Endpoint> members = poolsByKey.get(poolKey);
        if (members == null || members.isEmpty()) {
            return;
        }
        boolean everyMemberPools = members.stream().allMatch(Endpoint::getPoolingEnabled);
        if (!pooling || !everyMemberPools) {
            throw BindRefused.alreadyOnline(url, members.size(), pooling, internal);
        }
    }

    /** Takes one endpoint offline (the other members of its pool stay); returns it, or empty if it was not online. */
    public synchronized Optional<Endpoint> remove(String endpointId) {
        Endpoint removed = byId.remove(endpointId);
        if (removed == null) {
            return Optional.empty();
        }
        String key = poolKey(removed);
        List<Endpoint> members = poolsByKey.get(key);
        members.removeIf(e -> e.getId().equals(endpointId));
        if (members.isEmpty()) {
            poolsByKey.remove(key);
        }
        publish(EndpointEvent.newBuilder().setOffline(removed).build());
        return Optional.of(removed);
    }

    public synchronized Optional<Endpoint> get(String endpointId) {
        return Optional.ofNullable(byId.get(endpointId));
    }

    /** How many endpoints are online in the pool {@link #poolKey} names. */
    public synchronized int members(String poolKey) {
        List<Endpoint> members = poolsByKey.get(poolKey);
        return members == null ? 0 : members.size();
    }

    /** Whether an online endpoint still serves the address {@code addressId} (another pool member). */
    public synchronized boolean holdsAddress(String addressId) {
        return !addressId.isEmpty() && byId.values().stream().anyMatch(e -> e.getAddressId().equals(addressId));
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
