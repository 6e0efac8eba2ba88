package dev.portway.policy;

import dev.cel.runtime.CelVariableResolver;
import dev.portway.policy.internal.CelEnv;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The CEL variables of one evaluation. Built per evaluation; maps are made only when an expression asks. */
final class Activation implements CelVariableResolver {

    private static final Map<String, Object> NO_ACTIONS = Map.of("ngrok", Map.of("restrict_ips", Map.of()));

    private final ConnectionFacts conn;
    private final EndpointFacts endpoint;
    private final Clock clock;
    private Map<String, Object> time;
    private HashMap<String, Object> vars;
    private Map<String, Object> actions;

    Activation(ConnectionFacts conn, EndpointFacts endpoint, Clock clock) {
        this.conn = conn;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    @Override
    public Optional<Object> find(String name) {
        switch (name) {
            case CelEnv.CONN:
                return Optional.of(conn.cel());
            case CelEnv.ENDPOINT:
                return Optional.of(endpoint.cel());
            case CelEnv.TIME:
                if (time == null) {
                    time = Map.of("now", clock.instant());
                }
                return Optional.of(time);
            case CelEnv.VARS:
                return Optional.of(vars == null ? Map.of() : vars);
            case CelEnv.ACTIONS:
                return Optional.of(actions == null ? NO_ACTIONS : actions);
            default:
                return Optional.empty();
        }
    }

    void setVar(String name, Object value) {
        if (vars == null) {
            vars = new HashMap<>(8);
        }
        vars.put(name, value);
    }

    Map<String, Object> vars() {
        return vars == null ? Map.of() : Map.copyOf(vars);
    }

    void restrictIpsResult(boolean allowed, String matchedCidr, boolean enforced) {
        actions = Map.of("ngrok", Map.of("restrict_ips",
                Map.of("allowed", allowed, "matched_cidr", matchedCidr, "enforced", enforced)));
    }
}
