package dev.portway.edge;

import java.util.List;

/**
 * Several endpoints share a URL but not all of them enabled pooling: only {@code servedId} (the earliest) takes
 * connections, the others none until it goes away.
 *
 * @param where the URL, with the account for internal endpoints (their names are per account)
 */
public record PoolConflict(String where, String servedId, List<String> notServedIds) {

    public PoolConflict {
        notServedIds = List.copyOf(notServedIds);
    }

    static PoolConflict of(String where, Pool pool) {
        return new PoolConflict(where, pool.served().get(0).id(),
                pool.notServed().stream().map(RouteMember::id).toList());
    }

    /** Says what is wrong and what to do. */
    public String describe() {
        return where + " has " + (notServedIds.size() + 1) + " endpoints but not all of them enabled pooling: only "
                + servedId + " (the earliest) gets connections; " + String.join(", ", notServedIds)
                + " get none. Bind every one with pooling enabled (portway tcp --pooling-enabled, or pooling_enabled on"
                + " the cloud endpoint) to share the connections, or unbind the extra ones";
    }
}
