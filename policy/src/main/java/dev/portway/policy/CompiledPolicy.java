package dev.portway.policy;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.portway.policy.internal.Cidr;
import dev.portway.policy.internal.Template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated traffic policy with every CEL program built, ready to decide connections. Immutable and
 * thread-safe: compile once (when the policy is stored or registered), evaluate for every connection from any
 * thread. Made by {@link PolicyCompiler#compile}.
 */
public final class CompiledPolicy {

    private final String id;
    private final EndpointKind kind;
    private final List<PolicyIssue> warnings;
    private final CompiledRule[] rules;

    CompiledPolicy(String id, EndpointKind kind, List<PolicyIssue> warnings, List<CompiledRule> rules) {
        this.id = id;
        this.kind = kind;
        this.warnings = List.copyOf(warnings);
        this.rules = rules.toArray(CompiledRule[]::new);
    }

    /** The id given at compile time; events, decisions and rate-limit buckets carry it. */
    public String id() {
        return id;
    }

    public EndpointKind kind() {
        return kind;
    }

    /** The warnings found when compiling (the policy was accepted with them). */
    public List<PolicyIssue> warnings() {
        return warnings;
    }

    public int ruleCount() {
        return rules.length;
    }

    /**
     * Decides one connection. Never throws for a valid policy: CEL run-time failures count as false (or as an
     * invalid forward target) and are reported as {@link LogEvent.Kind#EXPRESSION_ERROR} events.
     *
     * @param connection the accepted connection
     * @param endpoint   the endpoint this policy is attached to
     * @param context    internal endpoints, clock and rate limiter
     */
    public Decision evaluate(ConnectionFacts connection, EndpointFacts endpoint, EvaluationContext context) {
        return evaluate(connection, endpoint, context, 0);
    }

    private Decision evaluate(ConnectionFacts connection, EndpointFacts endpoint, EvaluationContext context,
            int depth) {
        Activation activation = new Activation(connection, endpoint, context.clock());
        Events events = new Events(id);
        rules:
        for (CompiledRule rule : rules) {
            if (!rule.matches(activation, events)) {
                continue;
            }
            for (Step step : rule.steps) {
                if (step instanceof RestrictIps restrict) {
                    String closing = restrict.apply(connection, activation, events, rule);
                    if (closing != null) {
                        return close(endpoint, CloseReason.RESTRICT_IPS, closing, activation, events);
                    }
                } else if (step instanceof Close close) {
                    return close(endpoint, close.reason, close.detail, activation, events);
                } else if (step instanceof Forward forward) {
                    String url;
                    try {
                        url = forward.url.render(activation);
                    } catch (CelEvaluationException e) {
                        events.expressionError(rule, forward.actionIndex, "config.url", e.getMessage());
                        url = null;
                    }
                    // A constant URL was checked at compile time; only interpolated ones are checked here.
                    if (url == null || (!forward.url.isConstant() && !PolicyCompiler.isInternalUrl(url))) {
                        if (!forward.halt) {
                            continue rules;
                        }
                        return close(endpoint, CloseReason.FORWARD_TARGET_INVALID, "forward-internal of "
                                + rule.place(forward.actionIndex) + ": "
                                + (url == null ? "its url failed to evaluate" : "'" + url
                                + "' is not tcp://<name>.internal:<port>"), activation, events);
                    }
                    Optional<InternalTarget> target = context.resolver().resolve(url);
                    if (target.isEmpty() || !target.get().online()) {
                        if (!forward.halt) {
                            continue rules;
                        }
                        return close(endpoint, CloseReason.FORWARD_TARGET_OFFLINE, url
                                + (target.isEmpty() ? " does not exist" : " is offline") + " (forward-internal of "
                                + rule.place(forward.actionIndex) + ", on_error: halt)", activation, events);
                    }
                    if (depth >= context.maxForwardDepth()) {
                        return close(endpoint, CloseReason.FORWARD_TOO_DEEP, "forwarding to " + url + " would be hop "
                                + (depth + 1) + "; at most " + context.maxForwardDepth() + " (a forward loop?)",
                                activation, events);
                    }
                    InternalTarget found = target.get();
                    Decision next = found.policy().isPresent()
                            ? found.policy().get().evaluate(connection, found.endpoint(), context, depth + 1)
                            : new Decision(Decision.Outcome.ALLOW, "", found.endpoint().url(), "", null, null, "",
                                    Map.of(), List.of());
                    return new Decision(Decision.Outcome.FORWARD_INTERNAL, id, endpoint.url(), url, next, null, "",
                            activation.vars(), events.list());
                } else if (step instanceof Log log) {
                    log.apply(activation, events, rule);
                } else if (step instanceof SetVars set) {
                    set.apply(activation, events, rule);
                } else if (step instanceof RateLimit limit) {
                    if (!limit.tryAcquire(activation, events, rule, context)) {
                        return close(endpoint, CloseReason.RATE_LIMITED, "more than " + limit.capacity
                                + " new connections per " + limit.rate + " for this bucket (rate-limit of "
                                + rule.place(limit.actionIndex) + ")", activation, events);
                    }
                }
            }
        }
        if (kind == EndpointKind.CLOUD) {
            return close(endpoint, CloseReason.NO_ROUTE, "no action ended the decision of this cloud endpoint",
                    activation, events);
        }
        return new Decision(Decision.Outcome.ALLOW, id, endpoint.url(), "", null, null, "", activation.vars(),
                events.list());
    }

    private Decision close(EndpointFacts endpoint, CloseReason reason, String detail, Activation activation,
            Events events) {
        return new Decision(Decision.Outcome.CLOSE, id, endpoint.url(), "", null, reason, detail, activation.vars(),
                events.list());
    }

    @Override
    public String toString() {
        return "CompiledPolicy[" + id + ", " + kind + ", " + rules.length + " rules]";
    }

    // --- compiled parts (built by PolicyCompiler) ---

    /** Events of one evaluation; the list is made on the first event only. */
    static final class Events {
        private final String policyId;
        private List<LogEvent> list;

        Events(String policyId) {
            this.policyId = policyId;
        }

        void add(LogEvent.Kind kind, CompiledRule rule, int actionIndex, Map<String, String> metadata) {
            if (list == null) {
                list = new ArrayList<>(4);
            }
            list.add(new LogEvent(kind, policyId, rule.phase, rule.index, rule.name, actionIndex, metadata));
        }

        void expressionError(CompiledRule rule, int actionIndex, String field, String error) {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("field", field);
            metadata.put("error", String.valueOf(error));
            add(LogEvent.Kind.EXPRESSION_ERROR, rule, actionIndex, metadata);
        }

        List<LogEvent> list() {
            return list == null ? List.of() : List.copyOf(list);
        }
    }

    static final class CompiledRule {
        final String phase;
        final int index;
        final String name;
        final CelRuntime.Program[] conditions;
        final Step[] steps;

        CompiledRule(String phase, int index, String name, List<CelRuntime.Program> conditions, List<Step> steps) {
            this.phase = phase;
            this.index = index;
            this.name = name;
            this.conditions = conditions.toArray(CelRuntime.Program[]::new);
            this.steps = steps.toArray(Step[]::new);
        }

        boolean matches(Activation activation, Events events) {
            for (int i = 0; i < conditions.length; i++) {
                Object result;
                try {
                    result = conditions[i].eval(activation);
                } catch (CelEvaluationException e) {
                    events.expressionError(this, -1, "expressions[" + i + "]", e.getMessage());
                    return false;
                }
                if (!Boolean.TRUE.equals(result)) {
                    return false;
                }
            }
            return true;
        }

        String place(int actionIndex) {
            return phase + "[" + index + "].actions[" + actionIndex + "]";
        }
    }

    sealed interface Step permits RestrictIps, Close, Forward, Log, SetVars, RateLimit {
    }

    static final class RestrictIps implements Step {
        final int actionIndex;
        final Cidr[] allow;
        final Cidr[] deny;
        final boolean enforce;

        RestrictIps(int actionIndex, List<Cidr> allow, List<Cidr> deny, boolean enforce) {
            this.actionIndex = actionIndex;
            this.allow = allow.toArray(Cidr[]::new);
            this.deny = deny.toArray(Cidr[]::new);
            this.enforce = enforce;
        }

        /** Records the result for CEL; returns why the connection must close, or null. */
        String apply(ConnectionFacts connection, Activation activation, Events events, CompiledRule rule) {
            byte[] ip = connection.clientBytes();
            Cidr allowedBy = null;
            for (Cidr cidr : allow) {
                if (cidr.contains(ip)) {
                    allowedBy = cidr;
                    break;
                }
            }
            Cidr deniedBy = null;
            for (Cidr cidr : deny) {
                if (cidr.contains(ip)) {
                    deniedBy = cidr;
                    break;
                }
            }
            boolean allowed = (allow.length == 0 || allowedBy != null) && deniedBy == null;
            Cidr matched = deniedBy != null ? deniedBy : allowedBy;
            activation.restrictIpsResult(allowed, matched == null ? "" : matched.toString(), enforce);
            if (allowed) {
                return null;
            }
            String clientIp = com.google.common.net.InetAddresses.toAddrString(connection.clientIp());
            String why = "client IP " + clientIp + (deniedBy != null ? " matches deny entry " + deniedBy
                    : " is in no allow entry") + " (restrict-ips of " + rule.place(actionIndex) + ")";
            if (enforce) {
                return why;
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("client_ip", clientIp);
            metadata.put("would_close", why);
            events.add(LogEvent.Kind.RESTRICT_IPS_NOT_ENFORCED, rule, actionIndex, metadata);
            return null;
        }
    }

    static final class Close implements Step {
        final CloseReason reason;
        final String detail;

        Close(CloseReason reason, String detail) {
            this.reason = reason;
            this.detail = detail;
        }
    }

    static final class Forward implements Step {
        final int actionIndex;
        final Template url;
        final boolean halt;

        Forward(int actionIndex, Template url, boolean halt) {
            this.actionIndex = actionIndex;
            this.url = url;
            this.halt = halt;
        }
    }

    static final class Log implements Step {
        final int actionIndex;
        final String[] keys;
        final Template[] values;

        Log(int actionIndex, List<String> keys, List<Template> values) {
            this.actionIndex = actionIndex;
            this.keys = keys.toArray(String[]::new);
            this.values = values.toArray(Template[]::new);
        }

        void apply(Activation activation, Events events, CompiledRule rule) {
            Map<String, String> metadata = new LinkedHashMap<>();
            for (int i = 0; i < keys.length; i++) {
                try {
                    metadata.put(keys[i], values[i].render(activation));
                } catch (CelEvaluationException e) {
                    events.expressionError(rule, actionIndex, "config.metadata." + keys[i], e.getMessage());
                    metadata.put(keys[i], "");
                }
            }
            events.add(LogEvent.Kind.LOG, rule, actionIndex, java.util.Collections.unmodifiableMap(metadata));
        }
    }

    static final class SetVars implements Step {
        final int actionIndex;
        final String[] names;
        /** A literal (Long, Double, Boolean, String) or a Template. */
        final Object[] values;

        SetVars(int actionIndex, List<String> names, List<Object> values) {
            this.actionIndex = actionIndex;
            this.names = names.toArray(String[]::new);
            this.values = values.toArray();
        }

        void apply(Activation activation, Events events, CompiledRule rule) {
            for (int i = 0; i < names.length; i++) {
                Object value = values[i];
                if (value instanceof Template template) {
                    try {
                        value = template.value(activation);
                    } catch (CelEvaluationException e) {
                        events.expressionError(rule, actionIndex, "config.vars." + names[i], e.getMessage());
                        continue;
                    }
                }
                activation.setVar(names[i], value);
            }
        }
    }

    static final class RateLimit implements Step {
        final int actionIndex;
        final String keyPrefix;
        final CelRuntime.Program[] keyParts;
        final long capacity;
        final long windowMillis;
        final String rate;

        RateLimit(int actionIndex, String keyPrefix, List<CelRuntime.Program> keyParts, long capacity,
                long windowMillis, String rate) {
            this.actionIndex = actionIndex;
            this.keyPrefix = keyPrefix;
            this.keyParts = keyParts.toArray(CelRuntime.Program[]::new);
            this.capacity = capacity;
            this.windowMillis = windowMillis;
            this.rate = rate;
        }

        boolean tryAcquire(Activation activation, Events events, CompiledRule rule, EvaluationContext context) {
            String key = keyPrefix;
            if (keyParts.length > 0) {
                StringBuilder builder = new StringBuilder(keyPrefix.length() + 48).append(keyPrefix);
                for (int i = 0; i < keyParts.length; i++) {
                    builder.append('\u0000');
                    try {
                        builder.append(Template.format(keyParts[i].eval(activation)));
                    } catch (CelEvaluationException e) {
                        events.expressionError(rule, actionIndex, "config.bucket_key[" + i + "]", e.getMessage());
                    }
                }
                key = builder.toString();
            }
            return context.rateLimiter().tryAcquire(key, capacity, windowMillis, context.clock().millis());
        }
    }
}
