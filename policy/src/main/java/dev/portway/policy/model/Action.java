package dev.portway.policy.model;

import java.util.List;
import java.util.Map;

/** One action of a rule, as written. Each record is one {@code type}; {@link #index()} is its place in the rule. */
public sealed interface Action {

    int index();

    /** The {@code type} as written in the policy, e.g. {@code restrict-ips}. */
    String type();

    /** Every type of action a tcp:// endpoint knows, in the order the documentation lists them. */
    List<String> TYPES = List.of("restrict-ips", "deny", "close-connection", "forward-internal", "log", "set-vars",
            "rate-limit");

    /** {@code restrict-ips}: lets through client IPs in {@code allow} (or any, without it) and in no {@code deny}. */
    record RestrictIps(int index, List<String> allow, List<String> deny, boolean enforce) implements Action {
        public RestrictIps {
            allow = List.copyOf(allow);
            deny = List.copyOf(deny);
        }

        @Override
        public String type() {
            return "restrict-ips";
        }
    }

    /** {@code deny}: closes the connection at once. */
    record Deny(int index) implements Action {
        @Override
        public String type() {
            return "deny";
        }
    }

    /** {@code close-connection}: closes the connection at once. */
    record CloseConnection(int index) implements Action {
        @Override
        public String type() {
            return "close-connection";
        }
    }

    /** What forward-internal does when its target is offline or unknown. */
    enum OnError {
        /** Close the connection. */
        HALT,
        /** Skip the rest of this rule and go on with the next rule. */
        CONTINUE
    }

    /** {@code forward-internal}: hands the connection to an internal endpoint {@code tcp://name.internal:port}. */
    record ForwardInternal(int index, String url, OnError onError) implements Action {
        @Override
        public String type() {
            return "forward-internal";
        }
    }

    /** {@code log}: emits an event with the metadata; values may hold {@code ${cel}} interpolations. */
    record Log(int index, Map<String, String> metadata) implements Action {
        public Log {
            metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        }

        @Override
        public String type() {
            return "log";
        }
    }

    /**
     * {@code set-vars}: sets {@code vars.<name>} for the rest of the evaluation. Values are String (may hold
     * {@code ${cel}}; a value that is exactly one interpolation keeps the expression's type), Long, Double or
     * Boolean. Kept in document order.
     */
    record SetVars(int index, List<Map.Entry<String, Object>> vars) implements Action {
        public SetVars {
            vars = List.copyOf(vars);
        }

        @Override
        public String type() {
            return "set-vars";
        }
    }

    /**
     * {@code rate-limit}: at most {@code capacity} new connections per {@code rate} window for each bucket, the
     * bucket being the values of the {@code bucketKey} CEL expressions (one bucket for all when empty).
     */
    record RateLimit(int index, String name, List<String> bucketKey, long capacity, String rate) implements Action {
        public RateLimit {
            name = name == null ? "" : name;
            bucketKey = List.copyOf(bucketKey);
        }

        @Override
        public String type() {
            return "rate-limit";
        }
    }
}
