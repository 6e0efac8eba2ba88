package dev.portway.policy;

import dev.cel.runtime.CelRuntime;
import dev.portway.policy.internal.CelEnv;
import dev.portway.policy.internal.Cidr;
import dev.portway.policy.internal.Durations;
import dev.portway.policy.internal.Issues;
import dev.portway.policy.internal.Template;
import dev.portway.policy.model.Action;
import dev.portway.policy.model.PolicyDocument;
import dev.portway.policy.model.Rule;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates traffic policies and compiles them into {@link CompiledPolicy}: parse (see {@link PolicyParser}),
 * then every CEL expression, interpolation, CIDR, URL and duration, then the rules of the endpoint kind.
 * Stateless and thread-safe; the CEL environment is built once per JVM. Compiling takes milliseconds: do it
 * when a policy is stored or an endpoint is registered, never per connection.
 */
public final class PolicyCompiler {

    private static final Pattern INTERNAL_URL = Pattern.compile(
            "tcp://((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+internal):(\\d{1,5})", Pattern.CASE_INSENSITIVE);

    /** The rule a cloud endpoint's policy must follow, as the error states it. */
    static final String CLOUD_RULE = "a cloud endpoint has no upstream of its own, so its policy must end every"
            + " connection's decision: add a rule without expressions (it runs for every connection that gets"
            + " there) whose actions include deny, close-connection or forward-internal with on_error: halt (the"
            + " default), e.g. '- actions: [{type: forward-internal, config: {url: \"tcp://svc.internal:5432\"}}]'";

    private static final Logger LOG = Logger.getLogger(PolicyCompiler.class);

    private PolicyCompiler() {
    }

    /** Every error and warning of the policy for an endpoint of this kind. */
    public static Validation validate(String text, PolicyFormat format, EndpointKind kind) {
        return run("", text, format, kind).validation;
    }

    /**
     * Compiles a valid policy.
     *
     * @param policyId identifies the policy in decisions, events and rate-limit buckets (e.g. the endpoint id)
     * @throws InvalidPolicyException with every error when the policy is not valid for this kind of endpoint
     */
    public static CompiledPolicy compile(String policyId, String text, PolicyFormat format, EndpointKind kind)
            throws InvalidPolicyException {
        Result result = run(Objects.requireNonNull(policyId, "policyId"), text, format, kind);
        if (!result.validation.valid()) {
            LOG.debugf("refused policy %s: %d errors", policyId, result.validation.errors().size());
            throw new InvalidPolicyException(result.validation);
        }
        LOG.debugf("compiled policy %s (%s): %d rules, %d warnings", policyId, kind, result.policy.ruleCount(),
                result.validation.warnings().size());
        return result.policy;
    }

    /** Whether {@code url} names an internal endpoint: {@code tcp://<name>.internal:<port>}, port 1-65535. */
    public static boolean isInternalUrl(String url) {
        Matcher matcher = INTERNAL_URL.matcher(url);
        if (!matcher.matches()) {
            return false;
        }
        int port = Integer.parseInt(matcher.group(2));
        return port >= 1 && port <= 65535;
    }

    private record Result(Validation validation, CompiledPolicy policy) {
    }

    private static Result run(String policyId, String text, PolicyFormat format, EndpointKind kind) {
        ParseResult parsed = PolicyParser.parse(text, format);
        if (parsed.document().isEmpty()) {
            return new Result(new Validation(parsed.errors(), parsed.warnings()), null);
        }
        PolicyDocument document = parsed.document().get();
        Issues issues = new Issues();
        List<CompiledPolicy.CompiledRule> rules = new ArrayList<>();
        for (Rule rule : document.rules()) {
            rules.add(compileRule(policyId, rule, issues));
        }
        checkReachability(document, kind, issues);
        List<PolicyIssue> errors = new ArrayList<>(parsed.errors());
        errors.addAll(issues.errors());
        List<PolicyIssue> warnings = new ArrayList<>(parsed.warnings());
        warnings.addAll(issues.warnings());
        Validation validation = new Validation(errors, warnings);
        return new Result(validation, validation.valid()
                ? new CompiledPolicy(policyId, kind, warnings, rules) : null);
    }

    private static CompiledPolicy.CompiledRule compileRule(String policyId, Rule rule, Issues issues) {
        issues.at(rule.phase(), rule.index(), -1);
        List<CelRuntime.Program> conditions = new ArrayList<>();
        for (int i = 0; i < rule.expressions().size(); i++) {
            String expression = rule.expressions().get(i);
            CelEnv.Compiled compiled = CelEnv.compileCondition(expression);
            for (CelEnv.Problem problem : compiled.problems()) {
                issues.expressionError("expressions[" + i + "]", expression, problem.line(), problem.column(),
                        problem.message());
            }
            conditions.add(compiled.program());
        }
        List<CompiledPolicy.Step> steps = new ArrayList<>();
        for (Action action : rule.actions()) {
            issues.at(rule.phase(), rule.index(), action.index());
            CompiledPolicy.Step step = compileAction(policyId, rule, action, issues);
            if (step != null) {
                steps.add(step);
            }
        }
        return new CompiledPolicy.CompiledRule(rule.phase(), rule.index(), rule.name(), conditions, steps);
    }

    private static CompiledPolicy.Step compileAction(String policyId, Rule rule, Action action, Issues issues) {
        String place = rule.phase() + "[" + rule.index() + "].actions[" + action.index() + "]";
        if (action instanceof Action.RestrictIps restrict) {
            return new CompiledPolicy.RestrictIps(action.index(), cidrs(restrict.allow(), "config.allow", issues),
                    cidrs(restrict.deny(), "config.deny", issues), restrict.enforce());
        }
        if (action instanceof Action.Deny) {
            return new CompiledPolicy.Close(CloseReason.DENIED, "deny action of " + place);
        }
        if (action instanceof Action.CloseConnection) {
            return new CompiledPolicy.Close(CloseReason.CLOSE_CONNECTION, "close-connection action of " + place);
        }
        if (action instanceof Action.ForwardInternal forward) {
            if (forward.url().isBlank()) {
                return null; // reported by the parser
            }
            Template url = Template.compile(forward.url(), "config.url", issues);
            if (url != null && url.isConstant() && !isInternalUrl(forward.url())) {
                issues.error("config.url", "'" + forward.url() + "' is not an internal endpoint URL; forward-internal"
                        + " takes tcp://<name>.internal:<port> of an endpoint of the same account, e.g."
                        + " tcp://example-service.internal:8443");
            }
            return url == null ? null
                    : new CompiledPolicy.Forward(action.index(), url, forward.onError() == Action.OnError.HALT);
        }
        if (action instanceof Action.Log log) {
            List<String> keys = new ArrayList<>();
            List<Template> values = new ArrayList<>();
            for (Map.Entry<String, String> entry : log.metadata().entrySet()) {
                Template value = Template.compile(entry.getValue(), "config.metadata." + entry.getKey(), issues);
                keys.add(entry.getKey());
                values.add(value);
            }
            return new CompiledPolicy.Log(action.index(), keys, values);
        }
        if (action instanceof Action.SetVars set) {
            List<String> names = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (Map.Entry<String, Object> entry : set.vars()) {
                Object value = entry.getValue();
                if (value instanceof String string) {
                    Template template = Template.compile(string, "config.vars." + entry.getKey(), issues);
                    value = template != null && template.isConstant() ? string : template;
                }
                names.add(entry.getKey());
                values.add(value);
            }
            return new CompiledPolicy.SetVars(action.index(), names, values);
        }
        if (action instanceof Action.RateLimit limit) {
            long windowMillis = 0;
            try {
                Duration window = Durations.parse(limit.rate());
                windowMillis = window.toMillis();
                if (windowMillis < 1) {
                    issues.error("config.rate", "'" + limit.rate() + "' is no window; use at least 1ms, e.g. 60s");
                }
            } catch (IllegalArgumentException e) {
                if (!limit.rate().isEmpty()) {
                    issues.error("config.rate", e.getMessage());
                }
            }
            List<CelRuntime.Program> parts = new ArrayList<>();
            for (int i = 0; i < limit.bucketKey().size(); i++) {
                String expression = limit.bucketKey().get(i);
                CelEnv.Compiled compiled = CelEnv.compileValue(expression);
                for (CelEnv.Problem problem : compiled.problems()) {
                    issues.expressionError("config.bucket_key[" + i + "]", expression, problem.line(),
                            problem.column(), problem.message());
                }
                parts.add(compiled.program());
            }
            return new CompiledPolicy.RateLimit(action.index(), policyId + '\u0000' + place, parts, limit.capacity(),
                    windowMillis, limit.rate());
        }
        throw new IllegalStateException("no compiler for action " + action.type());
    }

    private static List<Cidr> cidrs(List<String> entries, String field, Issues issues) {
        List<Cidr> cidrs = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                cidrs.add(Cidr.parse(entries.get(i)));
            } catch (IllegalArgumentException e) {
                issues.error(field + "[" + i + "]", e.getMessage());
            }
        }
        return cidrs;
    }

    /** Whether the action always ends the decision (closing, or forwarding with on_error: halt). */
    private static boolean alwaysEnds(Action action) {
        return action instanceof Action.Deny || action instanceof Action.CloseConnection
                || (action instanceof Action.ForwardInternal forward && forward.onError() == Action.OnError.HALT);
    }

    /**
     * Warns about actions and rules that can never run, and enforces the cloud rule: some rule without
     * expressions must hold an action that always ends the decision.
     */
    private static void checkReachability(PolicyDocument document, EndpointKind kind, Issues issues) {
        Rule endsAll = null;
        for (Rule rule : document.rules()) {
            if (endsAll != null) {
                issues.at(rule.phase(), rule.index(), -1);
                issues.warning("", "this rule never runs: " + endsAll.phase() + "[" + endsAll.index() + "] has no"
                        + " expressions and always ends the decision");
                break;
            }
            for (int i = 0; i < rule.actions().size(); i++) {
                Action action = rule.actions().get(i);
                if (alwaysEnds(action)) {
                    if (i + 1 < rule.actions().size()) {
                        issues.at(rule.phase(), rule.index(), i + 1);
                        issues.warning("", "this action never runs: " + action.type() + " (actions[" + i
                                + "]) always ends the decision before it");
                    }
                    if (rule.expressions().isEmpty()) {
                        endsAll = rule;
                    }
                    break;
                }
            }
        }
        if (kind == EndpointKind.CLOUD && endsAll == null) {
            String phase = document.rules().isEmpty() ? PolicyParser.ON_TCP_CONNECT
                    : document.rules().get(document.rules().size() - 1).phase();
            issues.at(phase, -1, -1);
            issues.error("", CLOUD_RULE);
        }
    }
}
