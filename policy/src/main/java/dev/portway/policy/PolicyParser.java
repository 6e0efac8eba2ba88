package dev.portway.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.portway.policy.internal.Issues;
import dev.portway.policy.model.Action;
import dev.portway.policy.model.PolicyDocument;
import dev.portway.policy.model.Rule;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a traffic policy (ngrok's format, YAML or JSON) into a {@link PolicyDocument}, strictly: every unknown
 * phase, rule field, action type or config field is an error with its place. Checks structure and value types
 * only; CEL, CIDRs, URLs and durations are checked by {@link PolicyCompiler}. Thread-safe, no I/O.
 */
public final class PolicyParser {

    /** Longest policy text accepted (the document, not a file path). */
    public static final int MAX_LENGTH = 256 * 1024;

    public static final String ON_TCP_CONNECT = "on_tcp_connect";
    /** HTTP phases: accepted on tcp:// endpoints with a warning, their rules run at on_tcp_connect. */
    public static final Set<String> HTTP_PHASES = Set.of("on_http_request", "on_http_response");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private PolicyParser() {
    }

    /** Parses the text; blank text is an empty policy (no rules). */
    public static ParseResult parse(String text, PolicyFormat format) {
        Issues issues = new Issues();
        if (text == null || text.isBlank()) {
            return new ParseResult(Optional.of(new PolicyDocument(List.of())), List.of(), List.of());
        }
        if (text.length() > MAX_LENGTH) {
            issues.documentError(0, 0, "the policy is " + text.length() + " characters long; at most " + MAX_LENGTH);
            return new ParseResult(Optional.empty(), issues.errors(), issues.warnings());
        }
        PolicyFormat actual = format == null || format == PolicyFormat.AUTO ? detect(text) : format;
        JsonNode root;
        try {
            root = (actual == PolicyFormat.JSON ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            issues.documentError(where == null ? 0 : Math.max(0, where.getLineNr()),
                    where == null ? 0 : Math.max(0, where.getColumnNr()),
                    "not valid " + actual.name() + ": " + e.getOriginalMessage());
            return new ParseResult(Optional.empty(), issues.errors(), issues.warnings());
        }
        List<Rule> rules = new ArrayList<>();
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            readPhases(root, rules, issues);
        }
        // With errors, the document keeps what could be read, so that the compiler reports the rest too.
        return new ParseResult(Optional.of(new PolicyDocument(rules)), issues.errors(), issues.warnings());
    }

    /** JSON when the text starts with '{' (after blanks), YAML otherwise. */
    public static PolicyFormat detect(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' ? PolicyFormat.JSON : PolicyFormat.YAML;
            }
        }
        return PolicyFormat.YAML;
    }

    private static void readPhases(JsonNode root, List<Rule> rules, Issues issues) {
        if (!root.isObject()) {
            issues.error("", "a traffic policy is a map of phases to rules, e.g. 'on_tcp_connect: [ ... ]'; got "
                    + describe(root));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> phase = it.next();
            String name = phase.getKey();
            issues.at(name, -1, -1);
            if (HTTP_PHASES.contains(name)) {
                issues.warning("", name + " does not exist on tcp:// endpoints (a TCP connection carries no HTTP"
                        + " request or response): its rules are applied at on_tcp_connect instead; rename the"
                        + " phase to on_tcp_connect");
            } else if (!ON_TCP_CONNECT.equals(name)) {
                issues.error("", "unknown phase '" + name + "'; a tcp:// endpoint runs on_tcp_connect");
                continue;
            }
            JsonNode list = phase.getValue();
            if (list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                issues.error("", name + " must be a list of rules; got " + describe(list));
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                issues.at(name, i, -1);
                Rule rule = readRule(name, i, list.get(i), issues);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
    }

    private static Rule readRule(String phase, int index, JsonNode node, Issues issues) {
        if (!node.isObject()) {
            issues.error("", "a rule is a map with 'actions' (and optional 'name', 'expressions'); got "
                    + describe(node));
            return null;
        }
        unknownFields(node, Set.of("name", "expressions", "actions"), "", "a rule has 'name', 'expressions' and"
                + " 'actions'", issues);
        String name = optionalString(node, "name", "name", "", issues);
        List<String> expressions = stringList(node.get("expressions"), "expressions", issues);
        List<Action> actions = new ArrayList<>();
        JsonNode list = node.get("actions");
        if (list == null || list.isNull() || (list.isArray() && list.isEmpty())) {
            issues.error("actions", "a rule needs at least one action, e.g. 'actions: [{type: deny}]'");
        } else if (!list.isArray()) {
            issues.error("actions", "must be a list of actions; got " + describe(list));
        } else {
            for (int i = 0; i < list.size(); i++) {
                issues.at(phase, index, i);
                Action action = readAction(i, list.get(i), issues);
                if (action != null) {
                    actions.add(action);
                }
            }
            issues.at(phase, index, -1);
        }
        return new Rule(phase, index, name, expressions, actions);
    }

    private static Action readAction(int index, JsonNode node, Issues issues) {
        if (!node.isObject()) {
            issues.error("", "an action is a map with 'type' and optional 'config'; got " + describe(node));
            return null;
        }
        unknownFields(node, Set.of("type", "config"), "", "an action has 'type' and 'config'", issues);
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            issues.error("type", "is required: one of " + String.join(", ", Action.TYPES));
            return null;
        }
        String type = typeNode.asText();
        JsonNode config = node.get("config");
        if (config == null || config.isNull()) {
            config = JSON.createObjectNode();
        } else if (!config.isObject()) {
            issues.error("config", "must be a map; got " + describe(config));
            return null;
        }
        switch (type) {
            case "restrict-ips": {
                unknownFields(config, Set.of("allow", "deny", "enforce"), "config.", type, issues);
                List<String> allow = stringList(config.get("allow"), "config.allow", issues);
                List<String> deny = stringList(config.get("deny"), "config.deny", issues);
                boolean enforce = optionalBoolean(config, "enforce", true, issues);
                if (config.get("allow") == null && config.get("deny") == null) {
                    issues.error("config", "restrict-ips needs 'allow' and/or 'deny' lists of CIDRs,"
                            + " e.g. allow: [\"10.0.0.0/8\"]");
                }
                return new Action.RestrictIps(index, allow, deny, enforce);
            }
            case "deny":
                unknownFields(config, Set.of(), "config.", type + " (it takes no config)", issues);
                return new Action.Deny(index);
            case "close-connection":
                unknownFields(config, Set.of(), "config.", type + " (it takes no config)", issues);
                return new Action.CloseConnection(index);
            case "forward-internal": {
                unknownFields(config, Set.of("url", "on_error", "binding"), "config.", type, issues);
                String url = optionalString(config, "url", "config.url", null, issues);
                if (url == null || url.isBlank()) {
                    issues.error("config.url", "is required: the internal endpoint to forward to, e.g."
                            + " tcp://example-service.internal:8443");
                }
                String onError = optionalString(config, "on_error", "config.on_error", "halt", issues);
                Action.OnError mode = Action.OnError.HALT;
                if ("continue".equals(onError)) {
                    mode = Action.OnError.CONTINUE;
                } else if (!"halt".equals(onError)) {
                    issues.error("config.on_error", "'" + onError + "' is not an on_error mode; use halt (close the"
                            + " connection when the target is offline) or continue (go on with the next rule)");
                }
                String binding = optionalString(config, "binding", "config.binding", "internal", issues);
                if (!"internal".equals(binding)) {
                    issues.error("config.binding", "'" + binding + "' is not supported; forward-internal reaches"
                            + " internal endpoints only (binding: internal)");
                }
                return new Action.ForwardInternal(index, url == null ? "" : url, mode);
            }
            case "log": {
                unknownFields(config, Set.of("metadata"), "config.", type, issues);
                Map<String, String> metadata = new LinkedHashMap<>();
                JsonNode map = config.get("metadata");
                if (map != null && !map.isNull()) {
                    if (!map.isObject()) {
                        issues.error("config.metadata", "must be a map of names to values; got " + describe(map));
                    } else {
                        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> entry = it.next();
                            JsonNode value = entry.getValue();
                            if (!value.isValueNode() || value.isNull()) {
                                issues.error("config.metadata." + entry.getKey(), "must be a string, number or"
                                        + " boolean (use ${...} for CEL); got " + describe(value));
                            } else {
                                metadata.put(entry.getKey(), value.asText());
                            }
                        }
                    }
                }
                return new Action.Log(index, metadata);
            }
            case "set-vars":
                unknownFields(config, Set.of("vars"), "config.", type, issues);
                return new Action.SetVars(index, readVars(config.get("vars"), issues));
            case "rate-limit": {
                unknownFields(config, Set.of("name", "algorithm", "capacity", "rate", "bucket_key"), "config.", type,
                        issues);
                String name = optionalString(config, "name", "config.name", "", issues);
                String algorithm = optionalString(config, "algorithm", "config.algorithm", "sliding_window", issues);
                if (!"sliding_window".equals(algorithm) && !"token_bucket".equals(algorithm)) {
                    issues.error("config.algorithm", "'" + algorithm + "' is not a rate-limit algorithm; use"
                            + " sliding_window or token_bucket (both are served by a token bucket)");
                }
                long capacity = 0;
                JsonNode capacityNode = config.get("capacity");
                if (capacityNode == null || !capacityNode.canConvertToExactIntegral() || capacityNode.asLong() < 1) {
                    issues.error("config.capacity", "is required: a whole number of connections of at least 1;"
                            + " got " + (capacityNode == null ? "nothing" : describe(capacityNode)));
                } else {
                    capacity = capacityNode.asLong();
                }
                String rate = optionalString(config, "rate", "config.rate", null, issues);
                if (rate == null) {
                    issues.error("config.rate", "is required: the window of the capacity, e.g. \"60s\"");
                }
                JsonNode keyNode = config.get("bucket_key");
                List<String> bucketKey = keyNode != null && keyNode.isTextual()
                        ? List.of(keyNode.asText())
                        : stringList(keyNode, "config.bucket_key", issues);
                return new Action.RateLimit(index, name, bucketKey, capacity, rate == null ? "" : rate);
            }
            default:
                issues.error("type", "unknown action type '" + type + "' for a tcp:// endpoint; use one of "
                        + String.join(", ", Action.TYPES));
                return null;
        }
    }

    /** ngrok writes {@code vars: [{name: value}, ...]}; a plain map is accepted too. */
    private static List<Map.Entry<String, Object>> readVars(JsonNode node, Issues issues) {
        List<Map.Entry<String, Object>> vars = new ArrayList<>();
        if (node == null || node.isNull()) {
            issues.error("config.vars", "is required: a list of {name: value}, e.g. vars: [{tier: \"gold\"}]");
            return vars;
        }
        List<JsonNode> maps = new ArrayList<>();
        if (node.isObject()) {
            maps.add(node);
        } else if (node.isArray()) {
            node.forEach(maps::add);
        } else {
            issues.error("config.vars", "must be a list of {name: value}; got " + describe(node));
            return vars;
        }
        for (int i = 0; i < maps.size(); i++) {
            JsonNode map = maps.get(i);
            String field = node.isArray() ? "config.vars[" + i + "]" : "config.vars";
            if (!map.isObject()) {
                issues.error(field, "must be a map {name: value}; got " + describe(map));
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String name = entry.getKey();
                JsonNode value = entry.getValue();
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
                    issues.error(field + "." + name, "'" + name + "' is not a variable name; use letters, digits"
                            + " and _ (not starting with a digit), at most 64");
                    continue;
                }
                Object literal;
                if (value.isTextual()) {
                    literal = value.asText();
                } else if (value.isBoolean()) {
                    literal = value.asBoolean();
                } else if (value.canConvertToExactIntegral() && value.isIntegralNumber()) {
                    literal = value.asLong();
                } else if (value.isNumber()) {
                    literal = value.asDouble();
                } else {
                    issues.error(field + "." + name, "must be a string, number or boolean (use ${...} for CEL);"
                            + " got " + describe(value));
                    continue;
                }
                vars.add(new AbstractMap.SimpleImmutableEntry<>(name, literal));
            }
        }
        return vars;
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix, String what, Issues issues) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                issues.error(prefix + name, "unknown field '" + name + "' of " + what
                        + (known.isEmpty() ? "" : "; known fields: " + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }

    private static String optionalString(JsonNode node, String field, String path, String fallback, Issues issues) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            issues.error(path, "must be a string; got " + describe(value));
            return fallback;
        }
        return value.asText();
    }

    private static boolean optionalBoolean(JsonNode node, String field, boolean fallback, Issues issues) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            issues.error("config." + field, "must be true or false; got " + describe(value));
            return fallback;
        }
        return value.asBoolean();
    }

    private static List<String> stringList(JsonNode node, String field, Issues issues) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            issues.error(field, "must be a list of strings; got " + describe(node));
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                issues.error(field + "[" + i + "]", "must be a string; got " + describe(item));
            } else {
                values.add(item.asText());
            }
        }
        return values;
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a map";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "the string '" + node.asText() + "'";
        }
        if (node.isNull()) {
            return "null";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + node.asText();
    }
}
