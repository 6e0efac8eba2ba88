package dev.portway.edge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client connections waiting for their agent to dial the data listener, by connection id. Each
 * holds the one-time token the agent must present: whoever else learns a connection id (it passes
 * through the bridge and the agent's logs) still cannot take the client over.
 *
 * <p>Registered on the client's event loop, claimed on the agent channel's: a concurrent map, and a
 * claim removes the entry, so one connection is handed to one agent channel at most.
 */
final class PendingConnections {

    /** What the agent must send back in its {@code AgentAccept}. */
    record Ticket(String connectionId, String token) {}

    private record Waiting(EdgeConnection connection, byte[] token) {}

    private final ConcurrentHashMap<String, Waiting> byId = new ConcurrentHashMap<>();

    /** Registers {@code connection} under a fresh id and token. */
    Ticket register(EdgeConnection connection) {
        String token = RandomIds.token();
        Waiting waiting = new Waiting(connection, token.getBytes(StandardCharsets.US_ASCII));
        while (true) {
            String id = RandomIds.connectionId();
            if (byId.putIfAbsent(id, waiting) == null) {
                return new Ticket(id, token);
            }
        }
    }

    /** Forgets {@code connection} (it ended or stopped waiting); a no-op once claimed. */
    void unregister(String connectionId, EdgeConnection connection) {
        byId.computeIfPresent(connectionId, (id, w) -> w.connection() == connection ? null : w);
    }

    /**
     * The connection waiting under {@code connectionId} if {@code token} is its token, removed so no
     * one claims it twice; otherwise null and nothing changes (a wrong token does not cancel the
     * wait: the right agent may still come).
     */
    EdgeConnection claim(String connectionId, String token) {
        Waiting waiting = byId.get(connectionId);
        if (waiting == null) {
            return null;
        }
        // Constant time: how long a comparison takes must not tell how much of a guess was right.
        if (!MessageDigest.isEqual(waiting.token(), token.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return byId.remove(connectionId, waiting) ? waiting.connection() : null;
    }

    /** True if a connection waits under this id (for logs: a late agent versus a wrong token). */
    boolean isWaiting(String connectionId) {
        return byId.containsKey(connectionId);
    }

    int size() {
        return byId.size();
    }
}
