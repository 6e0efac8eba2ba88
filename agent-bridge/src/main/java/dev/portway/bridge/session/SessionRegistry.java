package dev.portway.bridge.session;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The agent sessions open on this bridge, by session id. */
@ApplicationScoped
public class SessionRegistry {

    private final Map<String, AgentSession> sessions = new ConcurrentHashMap<>();

    public SessionRegistry(MeterRegistry meters) {
        meters.gaugeMapSize("portway_bridge_agent_sessions", java.util.List.of(), sessions);
    }

    void register(AgentSession session) {
        sessions.put(session.id(), session);
    }

    void unregister(AgentSession session) {
        sessions.remove(session.id(), session);
    }

    public Optional<AgentSession> get(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }
}
